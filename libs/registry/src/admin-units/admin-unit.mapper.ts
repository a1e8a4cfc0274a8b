import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { recordFields } from '@app/platform';
import { AdminUnitEntity, AdminUnitSuccessorEntity } from './admin-unit.entity';
import type { AdminUnitDto } from './dto/admin-unit.dto';
import { RegistryRefs } from '../names/registry-refs.dto';

export interface Links {
  successors: Map<string, string[]>;
  predecessors: Map<string, string[]>;
}

/** Successor and predecessor ids of many units in one query (no N+1). */
export async function loadLinks(manager: EntityManager, ids: string[]): Promise<Links> {
  const links: Links = { successors: new Map(), predecessors: new Map() };
  if (ids.length === 0) return links;
  const rows = await manager.find(AdminUnitSuccessorEntity, {
    where: [{ predecessorId: In(ids) }, { successorId: In(ids) }],
    order: { predecessorId: 'ASC', successorId: 'ASC' },
  });
  for (const row of rows) {
    links.successors.set(row.predecessorId, [
      ...(links.successors.get(row.predecessorId) ?? []),
      row.successorId,
    ]);
    links.predecessors.set(row.successorId, [
      ...(links.predecessors.get(row.successorId) ?? []),
      row.predecessorId,
    ]);
  }
  return links;
}

export function toAdminUnitDto(
  unit: AdminUnitEntity,
  links: Links,
  refs: RegistryRefs,
): AdminUnitDto {
  return Object.assign(recordFields(unit), {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    subtype: unit.subtype,
    parentId: unit.parentId,
    parent: refs.unit(unit.parentId),
    validFrom: unit.validFrom,
    validTo: unit.validTo,
    successorIds: links.successors.get(unit.id) ?? [],
    predecessorIds: links.predecessors.get(unit.id) ?? [],
  });
}

/** Units as shown: successors, predecessors and parents (named) in two queries for all. */
export async function toAdminUnitDtos(
  manager: EntityManager,
  units: AdminUnitEntity[],
): Promise<AdminUnitDto[]> {
  const links = await loadLinks(
    manager,
    units.map((u) => u.id),
  );
  const refs = await RegistryRefs.load(manager, { units: units.map((u) => u.parentId) });
  return units.map((u) => toAdminUnitDto(u, links, refs));
}
