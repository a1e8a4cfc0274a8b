import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Actor } from '../auth/actor';
import { loadUserNames } from '../auth/user-names';
import { vietnamInstant } from '../time/clock';
import { Page, paginate } from '../http/list-query';
import { AuditEventEntity } from './audit-event.entity';
import { AUDIT_EVENT_SORT, AuditEventDto, AuditEventQueryDto } from './dto/audit-event.dto';

/** Keys that never reach the audit trail, at any depth. */
const SECRET_KEYS = new Set(['password', 'passwordHash', 'token', 'tokenHash', 'accessToken']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return vietnamInstant(value);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !SECRET_KEYS.has(key))
        .map(([key, v]) => [key, redact(v)]),
    );
  }
  return value;
}

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  before?: object | null;
  after?: object | null;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
  ) {}

  /**
   * Writes an audit event with the transaction's manager, so the event and the change it records
   * commit or roll back together. There is deliberately no variant without a manager.
   */
  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, actor, [entry]);
  }

  /** Many events of one transaction in one statement (a bulk change), in their order. */
  async recordMany(manager: EntityManager, actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(
      AuditEventEntity,
      entries.map((entry) => ({
        actorId: actor.userId,
        requestId: actor.requestId ?? null,
        entityType: entry.entityType,
        entityId: entry.entityId,
        action: entry.action,
        before: entry.before ? (redact(entry.before) as object) : null,
        after: entry.after ? (redact(entry.after) as object) : null,
      })),
    );
  }

  async list(query: AuditEventQueryDto): Promise<Page<AuditEventDto>> {
    const qb = this.events.createQueryBuilder('e');
    if (query.entityType)
      qb.andWhere('e.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from) qb.andWhere('e.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.at < :to', { to: query.to });
    const page = await paginate(qb, query, AUDIT_EVENT_SORT, 'e.seq');
    const names = await loadUserNames(
      this.events.manager,
      page.items.map((e) => e.actorId),
    );
    return { ...page, items: page.items.map((e) => toAuditEventDto(e, names)) };
  }
}

export function toAuditEventDto(
  e: AuditEventEntity,
  names: ReadonlyMap<string, string>,
): AuditEventDto {
  return {
    id: e.id,
    at: vietnamInstant(e.at),
    actorId: e.actorId,
    actorName: e.actorId === null ? null : (names.get(e.actorId) ?? null),
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    before: e.before as Record<string, unknown> | null,
    after: e.after as Record<string, unknown> | null,
    requestId: e.requestId,
  };
}
