import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ScopeFilter, ScopeRule } from '../auth/scope';
import type { TrackedEntity } from './tracked.entity';

/** What a mapper may use besides the record: the manager (in the caller's transaction) and today. */
export interface ReadContext {
  manager: EntityManager;
  /** Today's calendar date in Viet Nam by the app's clock (YYYY-MM-DD), e.g. for `overdue`. */
  today: string;
  /** The instant of the unit of work by the app's clock (a completion's time). */
  now: Date;
}

/**
 * One kind of record as the shared read and write paths see it: its audit name, how it is shown,
 * the scope rules it implements (in SQL, so an out-of-scope record is simply not found), and what
 * else must hold for it to exist for anyone.
 */
export interface RecordKind<E extends TrackedEntity = TrackedEntity, D extends object = object> {
  /** The audit `entityType`, e.g. `organisation`; also the name other records refer to it by. */
  entityType: string;
  /** How messages name the kind, e.g. `Organisation`. */
  label: string;
  entity: new () => E;
  /** The response shape; may read related rows with the context's manager (batched). */
  toDto(record: E, context: ReadContext): D | Promise<D>;
  /** Many records as shown, in a fixed number of queries (bulk inserts); `toDto` each otherwise. */
  toDtos?(records: E[], context: ReadContext): Promise<D[]>;
  /** The scope rules this kind implements; a route may declare only these. */
  scopes: Partial<Record<ScopeRule, ScopeFilter<E>>>;
  /**
   * The record this one belongs to and is reached through (a participant's session): the child
   * exists only while its parent does (a deleted session's participants answer 404), a child
   * reached through another parent's URL is not found there, and changing a child locks its parent
   * first (the parent's state decides whether its children may change).
   */
  parent?: { kind: RecordKind<TrackedEntity, object>; property: string };
  /** What else must hold for the record to exist, on alias `r`. */
  visibleWhen?(qb: SelectQueryBuilder<E>): void;
  /** How messages name one record (its title or name), so a person recognises it. */
  describe?(record: E): string;
  /** Refuses a change the record's state forbids (e.g. a closed session is read-only). */
  assertWritable?(record: E): void;
}

const kinds = new Map<string, RecordKind>();

/**
 * Makes a kind one that other records may point at by `(entityType, id)`, e.g. a task's subject.
 * Each module registers the kinds it owns, so the platform checks a reference without knowing them.
 */
export function registerRecordKind<E extends TrackedEntity, D extends object>(
  kind: RecordKind<E, D>,
): void {
  kinds.set(kind.entityType, kind);
}

export function recordKindOf(entityType: string): RecordKind | undefined {
  return kinds.get(entityType);
}

/** The registered kinds' names, sorted. */
export function recordKindNames(): string[] {
  return [...kinds.keys()].sort();
}

/** Names a record in a message: `the task “Viết dự án đề xuất”`, or by id when it has no title. */
export function nameOf<E extends TrackedEntity>(kind: RecordKind<E, object>, record: E): string {
  const title = kind.describe?.(record);
  // "Working session" reads "the working session"; an acronym ("S&T …") keeps its capitals.
  const label = /^[A-Z][a-z]/.test(kind.label)
    ? kind.label[0].toLowerCase() + kind.label.slice(1)
    : kind.label;
  return title ? `the ${label} “${title}”` : `the ${label} ${record.id}`;
}
