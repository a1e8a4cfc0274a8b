import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { ConflictError, NotFoundError, RequestValidationError } from '../http/domain-errors';
import { assertVersion } from './records';
import { TrackedEntity } from './tracked.entity';
import { Transactions } from './transactions';

/**
 * What the shared write path needs to know about one kind of record: its audit name, how to show
 * it, and how the caller's scope narrows it (in SQL, so an out-of-scope record is simply not found).
 */
export interface RecordKind<E extends TrackedEntity, D extends object> {
  /** The audit `entityType`, e.g. `organisation`. */
  entityType: string;
  /** How messages name it, e.g. `Organisation`. */
  label: string;
  entity: EntityTarget<E>;
  /** The response shape; may read related rows with the same manager (one batched query). */
  toDto(record: E, manager: EntityManager): D | Promise<D>;
  /** Adds the caller's scope to a query on alias `r` (district officers, unit staff). */
  scope?(qb: SelectQueryBuilder<E>, actor: Actor): void;
  /** Refuses a change the record's state forbids (e.g. a closed session is read-only). */
  assertWritable?(record: E): void;
}

export interface ChangeOptions {
  /** The audit action; `update` by default. */
  action?: string;
  /** Skip the If-Match check (CLI and internal changes that re-read the record). */
  version?: number;
}

/**
 * The one write path of every feature: lock the record in the caller's scope (404 otherwise),
 * compare the If-Match version (412), change it, bump its version, and write the audit event, all
 * in one transaction. Concurrent writers serialise on the row lock, so exactly one of them wins.
 */
@Injectable()
export class RecordWriter {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Loads a visible record for reading; 404 when it does not exist, is deleted or is out of scope. */
  async find<E extends TrackedEntity, D extends object>(
    manager: EntityManager,
    kind: RecordKind<E, D>,
    actor: Actor | null,
    id: string,
    options: { lock?: boolean; withDeleted?: boolean } = {},
  ): Promise<E> {
    const qb = manager.createQueryBuilder(kind.entity, 'r').where('r.id = :id', { id });
    if (options.withDeleted) qb.withDeleted();
    if (actor && kind.scope) kind.scope(qb, actor);
    if (options.lock) qb.setLock('pessimistic_write');
    const record = await qb.getOne();
    if (!record) throw new NotFoundError(kind.label, id);
    return record;
  }

  /**
   * Creates a record: `build` validates and returns it unsaved; `afterInsert` writes what needs its
   * id (links, child rows) in the same transaction.
   */
  /**
   * A record another record refers to by id (a task's lead organisation, a session's host): 400
   * naming the field when it does not exist, is deleted or lies outside the caller's scope.
   */
  async reference<E extends TrackedEntity, D extends object>(
    manager: EntityManager,
    kind: RecordKind<E, D>,
    actor: Actor | null,
    id: string,
    field: string,
  ): Promise<E> {
    try {
      return await this.find(manager, kind, actor, id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw RequestValidationError.field(field, `no ${kind.label.toLowerCase()} has this id`);
    }
  }

  async create<E extends TrackedEntity, D extends object>(
    actor: Actor | null,
    kind: RecordKind<E, D>,
    build: (manager: EntityManager) => Promise<E>,
    afterInsert?: (record: E, manager: EntityManager) => Promise<void>,
  ): Promise<D> {
    return this.transactions.run(async (manager) => {
      const record = await build(manager);
      record.createdBy = actor?.userId ?? null;
      record.updatedBy = actor?.userId ?? null;
      await manager.save(record);
      await afterInsert?.(record, manager);
      const saved = await this.find(manager, kind, null, record.id);
      const dto = await kind.toDto(saved, manager);
      await this.audit.record(manager, actor, {
        entityType: kind.entityType,
        entityId: saved.id,
        action: 'create',
        after: dto,
      });
      return dto;
    });
  }

  /** Changes a record the caller can see, at the version they read. */
  async change<E extends TrackedEntity, D extends object>(
    actor: Actor | null,
    kind: RecordKind<E, D>,
    id: string,
    options: ChangeOptions,
    apply: (record: E, manager: EntityManager) => Promise<void> | void,
  ): Promise<D> {
    return this.transactions.run(async (manager) => {
      const record = await this.find(manager, kind, actor, id, { lock: true });
      if (options.version !== undefined)
        assertVersion(record, options.version, kind.label.toLowerCase());
      kind.assertWritable?.(record);
      const before = await kind.toDto(record, manager);
      await apply(record, manager);
      record.updatedBy = actor?.userId ?? null;
      await manager.save(record);
      const after = await kind.toDto(await this.find(manager, kind, null, id), manager);
      await this.audit.record(manager, actor, {
        entityType: kind.entityType,
        entityId: id,
        action: options.action ?? 'update',
        before,
        after,
      });
      return after;
    });
  }

  /** Soft delete: the record disappears from reads and lists; `restore` brings it back. */
  async remove<E extends TrackedEntity, D extends object>(
    actor: Actor | null,
    kind: RecordKind<E, D>,
    id: string,
    version: number,
    assertRemovable?: (record: E, manager: EntityManager) => Promise<void>,
  ): Promise<D> {
    return this.transactions.run(async (manager) => {
      const record = await this.find(manager, kind, actor, id, { lock: true });
      assertVersion(record, version, kind.label.toLowerCase());
      kind.assertWritable?.(record);
      await assertRemovable?.(record, manager);
      const before = await kind.toDto(record, manager);
      record.deletedAt = new Date();
      record.updatedBy = actor?.userId ?? null;
      await manager.save(record);
      const after = await kind.toDto(
        await this.find(manager, kind, null, id, { withDeleted: true }),
        manager,
      );
      await this.audit.record(manager, actor, {
        entityType: kind.entityType,
        entityId: id,
        action: 'delete',
        before,
        after,
      });
      return after;
    });
  }

  async restore<E extends TrackedEntity, D extends object>(
    actor: Actor | null,
    kind: RecordKind<E, D>,
    id: string,
    version: number,
    assertRestorable?: (record: E, manager: EntityManager) => Promise<void>,
  ): Promise<D> {
    return this.transactions.run(async (manager) => {
      const record = await this.find(manager, kind, actor, id, { lock: true, withDeleted: true });
      assertVersion(record, version, kind.label.toLowerCase());
      if (record.deletedAt === null) throw new ConflictError(`${kind.label} ${id} is not deleted`);
      await assertRestorable?.(record, manager);
      const before = await kind.toDto(record, manager);
      record.deletedAt = null;
      record.updatedBy = actor?.userId ?? null;
      await manager.save(record);
      const after = await kind.toDto(await this.find(manager, kind, null, id), manager);
      await this.audit.record(manager, actor, {
        entityType: kind.entityType,
        entityId: id,
        action: 'restore',
        before,
        after,
      });
      return after;
    });
  }
}
