import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './actor';

/**
 * The rules that narrow what a permitted role reaches, each implemented in SQL by the kinds of
 * records it applies to:
 * - `district`: district officers reach only records of their district and its communes;
 * - `lead_organisation`: unit staff reach only the tasks their organisation leads;
 * - `involved_organisation`: unit staff reach only the tasks their organisation leads or
 *   co-operates on.
 * Other roles pass every rule. A record outside the caller's scope is simply not found (404).
 */
export const SCOPE_RULES = ['district', 'lead_organisation', 'involved_organisation'] as const;
export type ScopeRule = (typeof SCOPE_RULES)[number];

/** How one kind of record implements one rule: a WHERE on the query's alias `r`. */
export interface ScopeFilter<E extends ObjectLiteral = ObjectLiteral> {
  where(qb: SelectQueryBuilder<E>, actor: Actor): void;
  /**
   * The input field that places a new or changed record in the scope (e.g. `adminUnitId`): a
   * record the caller writes must stay within their scope, or the answer is 400 naming it.
   */
  field?: string;
  /** What is wrong with that field, when the default of the rule does not read well. */
  message?: string;
  /**
   * Why a caller who can see the record may not act on it under this rule (403), e.g. "only the
   * lead unit's staff may complete a task". Without it, such a record is simply not found (404).
   */
  refusal?: string;
}

/** What a scope rule needs to know of a kind of record: its name and the rules it implements. */
export interface ScopedKind {
  label: string;
  scopes: Partial<Record<ScopeRule, ScopeFilter<never>>>;
}

/** The kind's rules that `scopes` name; throws when the kind does not implement one of them. */
export function scopeFilters<E extends ObjectLiteral>(
  kind: { label: string; scopes: Partial<Record<ScopeRule, ScopeFilter<E>>> },
  scopes: readonly ScopeRule[],
): ScopeFilter<E>[] {
  return scopes.map((rule) => {
    const filter = kind.scopes[rule];
    if (!filter) {
      throw new Error(
        `${kind.label} records do not implement the scope rule "${rule}" their route declares`,
      );
    }
    return filter;
  });
}

/**
 * The admin unit a district officer is bound to, or undefined for roles that every district
 * rule lets through. An officer with no unit reaches nothing (a misconfigured account must not
 * see everything).
 */
export function districtOf(actor: Actor): string | null | undefined {
  return actor.role === 'district_officer' ? actor.adminUnitId : undefined;
}

/** The organisation unit staff work for, or undefined for roles the organisation rules let through. */
export function unitOf(actor: Actor): string | null | undefined {
  return actor.role === 'unit_staff' ? actor.organisationId : undefined;
}

/** True when the rule narrows what this caller reaches (false: it lets them through). */
export function narrows(rule: ScopeRule, actor: Actor): boolean {
  switch (rule) {
    case 'district':
      return districtOf(actor) !== undefined;
    case 'lead_organisation':
    case 'involved_organisation':
      return unitOf(actor) !== undefined;
  }
}

let parameterCounter = 0;

/** A fresh query parameter name, so two filters on one query never collide. */
export function parameterName(prefix: string): string {
  parameterCounter = (parameterCounter + 1) % 1_000_000;
  return `${prefix}${parameterCounter}`;
}
