import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { narrows, scopeFilters, type ScopeRule } from '../auth/scope';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RequestValidationError,
} from '../http/domain-errors';
import { assertIfMatch, type IfMatch } from '../http/etag';
import type { Target } from '../http/target';
import { calendarDate, Clock } from '../time/clock';
import { type ActionInput, planAction, type StatusMachine } from '../domain/status-machine';
import { nameOf, type ReadContext, type RecordKind } from './record-kind';
import type { TrackedEntity } from './tracked.entity';
import { Transactions } from './transactions';

/** Columns the write path keeps itself: never part of "what changed". */
const BOOKKEEPING = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'deletedAt',
  'version',
  'createdBy',
  'updatedBy',
]);

const SCOPE_MESSAGES: Record<ScopeRule, string> = {
  district: 'must be your district or one of its communes',
  lead_organisation: 'must be your organisation',
  involved_organisation: 'must be your organisation or one co-operating with it',
};

export interface FindOptions {
  /** Lock the row until the transaction ends (writers of one record serialise here). */
  lock?: boolean;
  /** Find it even when deleted (restore). */
  withDeleted?: boolean;
}

export interface ChangeOptions {
  /** The audit action; `update` by default, or a status action's name. */
  action?: string;
}

/**
 * One unit of work of one caller: every record it reads is narrowed by the caller's scope rules
 * (those their route declared), every change it makes bumps the record's version and writes its
 * audit event in the same transaction. Services change rows only through it.
 */
export class RecordTransaction {
  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
    readonly context: ReadContext,
    private readonly audit: AuditService,
  ) {}

  /** A visible record in the caller's scope; 404 when it does not exist, is deleted or is out of scope. */
  async find<E extends TrackedEntity>(
    kind: RecordKind<E, object>,
    id: string,
    options: FindOptions = {},
  ): Promise<E> {
    const qb = visibleQuery(this.manager, kind, this.actor.scopes, this.actor).andWhere(
      'r.id = :id',
      { id },
    );
    if (options.withDeleted) qb.withDeleted();
    if (options.lock) qb.setLock('pessimistic_write', undefined, ['r']);
    const record = await qb.getOne();
    if (!record) {
      await this.assertNotRefused(kind, id, options.withDeleted ?? false);
      throw new NotFoundError(kind.label, id);
    }
    return record;
  }

  /**
   * A record the caller can see (its district rule lets them) but that a rule of this route keeps
   * them from acting on answers 403 with the rule's reason, not 404 after a 200 on reading it.
   */
  private async assertNotRefused<E extends TrackedEntity>(
    kind: RecordKind<E, object>,
    id: string,
    withDeleted: boolean,
  ): Promise<void> {
    const refusing = this.actor.scopes.filter(
      (rule) => kind.scopes[rule]?.refusal !== undefined && narrows(rule, this.actor),
    );
    if (refusing.length === 0) return;
    const visibility: ScopeRule[] = kind.scopes.district ? ['district'] : [];
    const qb = visibleQuery(this.manager, kind, visibility, this.actor).andWhere('r.id = :id', {
      id,
    });
    if (withDeleted) qb.withDeleted();
    if (!(await qb.getExists())) return;
    for (const rule of refusing) {
      const inside = await visibleQuery(this.manager, kind, [...visibility, rule], this.actor)
        .andWhere('r.id = :id', { id })
        .withDeleted()
        .getExists();
      if (!inside) throw new ForbiddenError(kind.scopes[rule]!.refusal);
    }
  }

  /**
   * A record to change: found in scope and locked, at the version the client read (412), and in a
   * state that allows changes (e.g. not a closed session's minutes, 409).
   */
  async lock<E extends TrackedEntity>(
    kind: RecordKind<E, object>,
    id: string,
    options: { ifMatch?: IfMatch; withDeleted?: boolean; writable?: boolean } = {},
  ): Promise<E> {
    const record = await this.find(kind, id, { lock: true, withDeleted: options.withDeleted });
    assertIfMatch(record, options.ifMatch, kind.label.toLowerCase());
    if (options.writable !== false) kind.assertWritable?.(record);
    return record;
  }

  /**
   * A child record reached through its parent's URL, to change: the parent locked for change
   * first (404 when not visible, 409 when its state forbids changes to its children), then the
   * child at the version read; a child of another parent is not found there.
   */
  async lockChild<E extends TrackedEntity>(
    kind: RecordKind<E, object>,
    parentId: string,
    target: { id: string; ifMatch?: IfMatch },
  ): Promise<E> {
    const parent = parentOf(kind);
    await this.lock(parent.kind, parentId);
    const child = await this.lock(kind, target.id, { ifMatch: target.ifMatch });
    assertChildOf(kind, child, parentId);
    return child;
  }

  /**
   * A record another record refers to by id (a task's lead organisation, a session's host): 400
   * naming the field when it does not exist, is deleted, or is one the caller could not see (the
   * kind's district rule applies to every reference, whatever the route).
   */
  async reference<E extends TrackedEntity>(
    kind: RecordKind<E, object>,
    id: string,
    field: string,
  ): Promise<E> {
    const visibility: ScopeRule[] = kind.scopes.district ? ['district'] : [];
    const record = await visibleQuery(this.manager, kind, visibility, this.actor)
      .andWhere('r.id = :id', { id })
      .getOne();
    if (!record)
      throw RequestValidationError.field(field, `no ${kind.label.toLowerCase()} has this id`);
    return record;
  }

  toDto<E extends TrackedEntity, D extends object>(kind: RecordKind<E, D>, record: E) {
    return kind.toDto(record, this.context);
  }

  /**
   * Inserts a new record, then what needs its id (`afterInsert`: links, child rows); the record
   * must lie within the caller's scope; audited as `create` with the record as shown.
   */
  async insert<E extends TrackedEntity, D extends object>(
    kind: RecordKind<E, D>,
    record: E,
    afterInsert?: (record: E) => Promise<void>,
  ): Promise<D> {
    record.createdBy = this.actor.userId;
    record.updatedBy = this.actor.userId;
    await this.manager.save(record);
    await afterInsert?.(record);
    const saved = await this.assertInScope(kind, record.id);
    const dto = await kind.toDto(saved, this.context);
    await this.record(kind, saved.id, 'create', null, dto);
    return dto;
  }

  /**
   * Inserts many new records of one kind at once (a bulk add), in a fixed number of statements
   * however many: one insert, one scope check per rule, one read, the kind's bulk mapping and one
   * audit insert. Every record must lie within the caller's scope (400 naming the first outside,
   * by its index in `field`'s list, e.g. `items.3.adminUnitId`); each is audited as `create`.
   */
  async insertMany<E extends TrackedEntity, D extends object>(
    kind: RecordKind<E, D>,
    records: E[],
    itemField: (index: number, field: string) => string = (index, field) =>
      `items.${index}.${field}`,
  ): Promise<D[]> {
    if (records.length === 0) return [];
    for (const record of records) {
      record.createdBy = this.actor.userId;
      record.updatedBy = this.actor.userId;
    }
    await this.manager.insert(kind.entity, records as never);
    const ids = records.map((r) => r.id);
    for (const rule of this.actor.scopes.filter((r) => narrows(r, this.actor))) {
      const inside = new Set(
        (
          await visibleQuery(this.manager, kind, [rule], this.actor)
            .select('r.id', 'id')
            .andWhere('r.id IN (:...ids)', { ids })
            .getRawMany<{ id: string }>()
        ).map((row) => row.id),
      );
      const outside = ids.findIndex((id) => !inside.has(id));
      if (outside >= 0) {
        const filter = kind.scopes[rule];
        throw RequestValidationError.field(
          itemField(outside, filter?.field ?? 'id'),
          filter?.message ?? SCOPE_MESSAGES[rule],
        );
      }
    }
    const saved = await this.manager
      .createQueryBuilder(kind.entity, 'r')
      .where('r.id IN (:...ids)', { ids })
      .getMany();
    const byId = new Map(saved.map((r) => [r.id, r]));
    const ordered = ids.map((id) => byId.get(id)!);
    const dtos: D[] = [];
    if (kind.toDtos) dtos.push(...(await kind.toDtos(ordered, this.context)));
    else for (const r of ordered) dtos.push(await kind.toDto(r, this.context));
    await this.audit.recordMany(
      this.manager,
      this.actor,
      ordered.map((r, i) => ({
        entityType: kind.entityType,
        entityId: r.id,
        action: 'create',
        before: null,
        after: dtos[i],
      })),
    );
    return dtos;
  }

  /**
   * Changes a locked record: `apply` mutates it (and may rewrite its child rows). When neither a
   * column nor the record as shown changed, nothing is written: no new version, no audit event.
   * Otherwise the changed columns are saved with a new version, the record must still lie within
   * the caller's scope, and the change is audited with the record before and after.
   */
  async change<E extends TrackedEntity, D extends object>(
    kind: RecordKind<E, D>,
    record: E,
    apply: (record: E) => unknown,
    options: ChangeOptions = {},
  ): Promise<D> {
    const columns = this.columnsOf(kind);
    const snapshot = columns.map((c) => c.getEntityValue(record) as unknown);
    const before = await kind.toDto(record, this.context);
    await apply(record);
    const changed: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const value = column.getEntityValue(record) as unknown;
      if (!sameValue(value, snapshot[i])) changed[column.propertyName] = value;
    });
    const shown = await kind.toDto(record, this.context);
    if (Object.keys(changed).length === 0 && isDeepStrictEqual(before, shown)) return before;
    await this.save(kind, record, changed);
    await this.assertInScope(kind, record.id);
    const after = await kind.toDto(record, this.context);
    await this.record(kind, record.id, options.action ?? 'update', before, after);
    return after;
  }

  /**
   * A status action on a locked record, by its status machine's rules: what the action requires
   * and takes (400), whether the status allows it (409, naming the record and the allowed
   * actions), its effects; `check` may refuse the result (dates that no longer hold). Audited under
   * the action's name.
   */
  act<
    E extends TrackedEntity & { status: S },
    D extends object,
    S extends string,
    A extends string,
  >(
    kind: RecordKind<E, D>,
    record: E,
    machine: StatusMachine<S, A, E>,
    action: A,
    input: ActionInput,
    check?: (record: E) => unknown,
  ): Promise<D> {
    return this.change(
      kind,
      record,
      async (r) => {
        Object.assign(r, planAction(machine, nameOf(kind, r), r, action, input, this.context.now));
        await check?.(r);
      },
      { action },
    );
  }

  /**
   * A new version of a record whose own fields did not change but whose whole did (e.g. a session
   * whose records were put in a new order), audited under `action`.
   */
  async touch<E extends TrackedEntity, D extends object>(
    kind: RecordKind<E, D>,
    record: E,
    action: string,
  ): Promise<D> {
    const before = await kind.toDto(record, this.context);
    await this.save(kind, record, {});
    const after = await kind.toDto(record, this.context);
    await this.record(kind, record.id, action, before, after);
    return after;
  }

  /** Soft delete: the record disappears from reads and lists; audited as `delete`. */
  async remove<E extends TrackedEntity, D extends object>(
    kind: RecordKind<E, D>,
    record: E,
  ): Promise<D> {
    const before = await kind.toDto(record, this.context);
    record.deletedAt = new Date();
    await this.save(kind, record, { deletedAt: () => 'now()' });
    const after = await kind.toDto(record, this.context);
    await this.record(kind, record.id, 'delete', before, after);
    return after;
  }

  /** Brings a deleted record back; audited as `restore`. */
  async restore<E extends TrackedEntity, D extends object>(
    kind: RecordKind<E, D>,
    record: E,
  ): Promise<D> {
    if (record.deletedAt === null)
      throw new ConflictError(`${kind.label} ${record.id} is not deleted`);
    const before = await kind.toDto(record, this.context);
    record.deletedAt = null;
    await this.save(kind, record, { deletedAt: null });
    const after = await kind.toDto(record, this.context);
    await this.record(kind, record.id, 'restore', before, after);
    return after;
  }

  private async record(
    kind: RecordKind<TrackedEntity, object>,
    entityId: string,
    action: string,
    before: object | null,
    after: object,
  ): Promise<void> {
    await this.audit.record(this.manager, this.actor, {
      entityType: kind.entityType,
      entityId,
      action,
      before,
      after,
    });
  }

  /** Writes `set` with a new version and who changed it; the record takes the new version. */
  private async save<E extends TrackedEntity>(
    kind: RecordKind<E, object>,
    record: E,
    set: Record<string, unknown>,
  ): Promise<void> {
    const result = await this.manager
      .createQueryBuilder()
      .update(kind.entity)
      .set({ ...set, updatedBy: this.actor.userId } as never)
      .where('id = :id', { id: record.id })
      .returning('version, updated_at, deleted_at')
      .execute();
    const row = (result.raw as { version: number; updated_at: Date; deleted_at: Date | null }[])[0];
    record.version = row.version;
    record.updatedAt = row.updated_at;
    record.deletedAt = row.deleted_at;
    record.updatedBy = this.actor.userId;
  }

  /** The record as the caller's scope sees it; 400 naming the field that put it outside. */
  private async assertInScope<E extends TrackedEntity>(
    kind: RecordKind<E, object>,
    id: string,
  ): Promise<E> {
    const unscoped = await this.manager
      .createQueryBuilder(kind.entity, 'r')
      .where('r.id = :id', { id })
      .getOneOrFail();
    const rules = this.actor.scopes.filter((rule) => narrows(rule, this.actor));
    for (const rule of rules) {
      const inside = await visibleQuery(this.manager, kind, [rule], this.actor)
        .andWhere('r.id = :id', { id })
        .getExists();
      if (!inside) {
        const filter = kind.scopes[rule];
        throw RequestValidationError.field(
          filter?.field ?? 'id',
          filter?.message ?? SCOPE_MESSAGES[rule],
        );
      }
    }
    return unscoped;
  }

  private columnsOf(kind: RecordKind<TrackedEntity, object>) {
    return this.manager
      .getRepository(kind.entity)
      .metadata.columns.filter(
        (c) => !BOOKKEEPING.has(c.propertyName) && !c.generatedType && c.isUpdate,
      );
  }
}

function parentOf<E extends TrackedEntity>(kind: RecordKind<E, object>) {
  if (!kind.parent) throw new Error(`${kind.label} records have no parent`);
  return kind.parent;
}

/** A child reached through another parent's URL does not exist there. */
function assertChildOf<E extends TrackedEntity>(
  kind: RecordKind<E, object>,
  child: E,
  parentId: string,
): void {
  const property = parentOf(kind).property;
  if ((child as unknown as Record<string, unknown>)[property] !== parentId) {
    throw new NotFoundError(kind.label, child.id);
  }
}

/** Equal column values: dates by instant, arrays and JSON by content. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return isDeepStrictEqual(a, b);
}

/** Alias `r` on the kind's live, visible records, narrowed by `scopes` for the actor. */
function visibleQuery<E extends TrackedEntity>(
  manager: EntityManager,
  kind: RecordKind<E, object>,
  scopes: readonly ScopeRule[],
  actor: Actor,
): SelectQueryBuilder<E> {
  const qb = manager.createQueryBuilder(kind.entity, 'r');
  if (kind.parent) {
    const parent = manager.connection.getMetadata(kind.parent.kind.entity);
    const column = manager.connection
      .getMetadata(kind.entity)
      .findColumnWithPropertyName(kind.parent.property)!.databaseName;
    qb.andWhere(
      `EXISTS (SELECT 1 FROM "${parent.tableName}" parent WHERE parent.id = r.${column} AND parent.deleted_at IS NULL)`,
    );
  }
  kind.visibleWhen?.(qb);
  for (const filter of scopeFilters(kind, scopes)) filter.where(qb, actor);
  return qb;
}

/**
 * The one read and write path of every feature. Reads and lists apply the caller's scope rules;
 * writes run in one transaction through a `RecordTransaction`, so each change is versioned and
 * audited with it. The one-call forms below cover the usual create, change, delete and restore.
 */
@Injectable()
export class RecordWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** What mappers need outside a transaction. */
  context(manager: EntityManager = this.dataSource.manager): ReadContext {
    const now = this.clock.now();
    return { manager, today: calendarDate(now), now };
  }

  /**
   * The caller's list of a kind, on alias `r`: their scope rules, the kind's visibility, and with
   * `deleted` only the deleted records (403 for roles that may not restore them).
   */
  query<E extends TrackedEntity>(
    actor: Actor,
    kind: RecordKind<E, object>,
    options: { deleted?: boolean } = {},
  ): SelectQueryBuilder<E> {
    const qb = visibleQuery(this.dataSource.manager, kind, actor.scopes, actor);
    if (options.deleted) {
      if (!actor.seesDeleted) {
        throw new ForbiddenError(
          `Your role (${actor.role}) may not list deleted records: only roles that may restore them can`,
        );
      }
      qb.withDeleted().andWhere('r.deletedAt IS NOT NULL');
    }
    return qb;
  }

  /** A visible record in the caller's scope, outside any transaction; 404 otherwise. */
  find<E extends TrackedEntity>(actor: Actor, kind: RecordKind<E, object>, id: string): Promise<E> {
    return this.transaction(actor, this.dataSource.manager).find(kind, id);
  }

  /** A child record the caller can see, reached through its parent's URL; 404 otherwise. */
  async findChild<E extends TrackedEntity>(
    { actor, id }: Target,
    kind: RecordKind<E, object>,
    parentId: string,
  ): Promise<E> {
    const child = await this.find(actor, kind, id);
    assertChildOf(kind, child, parentId);
    return child;
  }

  /** A visible record as shown. */
  async get<E extends TrackedEntity, D extends object>(
    actor: Actor,
    kind: RecordKind<E, D>,
    id: string,
  ): Promise<D> {
    return kind.toDto(await this.find(actor, kind, id), this.context());
  }

  /** Runs `work` in one transaction (retried whole on a deadlock) with the caller's write path. */
  run<T>(actor: Actor, work: (tx: RecordTransaction) => Promise<T>): Promise<T> {
    return this.transactions.run((manager) => work(this.transaction(actor, manager)));
  }

  /** Creates a record: `build` validates and returns it unsaved; `afterInsert` writes what needs its id. */
  create<E extends TrackedEntity, D extends object>(
    actor: Actor,
    kind: RecordKind<E, D>,
    build: (tx: RecordTransaction) => Promise<E>,
    afterInsert?: (record: E, tx: RecordTransaction) => Promise<void>,
  ): Promise<D> {
    return this.run(actor, async (tx) =>
      tx.insert(kind, await build(tx), afterInsert && ((record) => afterInsert(record, tx))),
    );
  }

  /** Changes the record a request targets, if the caller can see it, at the version they read. */
  change<E extends TrackedEntity, D extends object>(
    { actor, id, ifMatch }: Target,
    kind: RecordKind<E, D>,
    apply: (record: E, tx: RecordTransaction) => unknown,
    options: ChangeOptions & { writable?: boolean } = {},
  ): Promise<D> {
    return this.run(actor, async (tx) => {
      const record = await tx.lock(kind, id, { ifMatch, writable: options.writable });
      return tx.change(kind, record, (r) => apply(r, tx), options);
    });
  }

  /**
   * A status action on the record a request targets, at the version read when sent: the status
   * machine decides what is allowed (a closed record answers 409 naming its allowed actions).
   */
  act<
    E extends TrackedEntity & { status: S },
    D extends object,
    S extends string,
    A extends string,
  >(
    { actor, id, ifMatch }: Target,
    kind: RecordKind<E, D>,
    machine: StatusMachine<S, A, E>,
    action: A,
    input: object,
    check?: (record: E, tx: RecordTransaction) => unknown,
  ): Promise<D> {
    return this.run(actor, async (tx) => {
      const record = await tx.lock(kind, id, { ifMatch, writable: false });
      return tx.act(kind, record, machine, action, { ...input }, check && ((r) => check(r, tx)));
    });
  }

  /** Soft-deletes the record a request targets, if the caller can see it, at the version read. */
  remove<E extends TrackedEntity, D extends object>(
    { actor, id, ifMatch }: Target,
    kind: RecordKind<E, D>,
    assertRemovable?: (record: E, tx: RecordTransaction) => Promise<void>,
  ): Promise<D> {
    return this.run(actor, async (tx) => {
      const record = await tx.lock(kind, id, { ifMatch });
      await assertRemovable?.(record, tx);
      return tx.remove(kind, record);
    });
  }

  /** Restores the deleted record a request targets, if the caller can see it, at the version read. */
  restore<E extends TrackedEntity, D extends object>(
    { actor, id, ifMatch }: Target,
    kind: RecordKind<E, D>,
    assertRestorable?: (record: E, tx: RecordTransaction) => Promise<void>,
  ): Promise<D> {
    return this.run(actor, async (tx) => {
      const record = await tx.lock(kind, id, { ifMatch, withDeleted: true, writable: false });
      await assertRestorable?.(record, tx);
      return tx.restore(kind, record);
    });
  }

  private transaction(actor: Actor, manager: EntityManager): RecordTransaction {
    return new RecordTransaction(manager, actor, this.context(manager), this.audit);
  }
}
