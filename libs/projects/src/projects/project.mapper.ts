import { type EntityManager, In } from 'typeorm';
import { recordFields } from '@app/platform';
import { RegistryRefs } from '@app/registry';
import { ProgrammeEntity } from '../programmes/programme.entity';
import type { ProgrammeRefDto, ProjectDto } from './dto/project.dto';
import type { ProjectEntity } from './project.entity';
import { budgetTotal } from './project-rules';
import { projectActionsFrom } from './project-status';

/** The units and partner organisations of one project, each list in a stable order. */
export interface ProjectLinks {
  adminUnitIds: string[];
  partnerOrganisationIds: string[];
}

const NO_LINKS: ProjectLinks = { adminUnitIds: [], partnerOrganisationIds: [] };

/**
 * The units (by level, then code) and partners (by name) of many projects in one query. The
 * order is part of what a project shows, so a change that only reorders nothing writes nothing.
 */
export async function loadProjectLinks(
  manager: EntityManager,
  projectIds: string[],
): Promise<Map<string, ProjectLinks>> {
  const byProject = new Map<string, ProjectLinks>();
  if (projectIds.length === 0) return byProject;
  const rows = await manager.query<{ project_id: string; link: 'unit' | 'partner'; id: string }[]>(
    `SELECT l.project_id, 'unit' AS link, l.admin_unit_id AS id,
            CASE u.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END AS rank,
            lpad(u.code, 12, '0') COLLATE "vi-x-icu" AS sort_key
       FROM project_admin_unit l JOIN admin_unit u ON u.id = l.admin_unit_id
      WHERE l.project_id = ANY($1::uuid[])
     UNION ALL
     SELECT p.project_id, 'partner', p.organisation_id, 0, o.name COLLATE "vi-x-icu"
       FROM project_partner p JOIN organisation o ON o.id = p.organisation_id
      WHERE p.project_id = ANY($1::uuid[])
     ORDER BY project_id, link, rank, sort_key, id`,
    [projectIds],
  );
  for (const row of rows) {
    const links = byProject.get(row.project_id) ?? { adminUnitIds: [], partnerOrganisationIds: [] };
    if (row.link === 'unit') links.adminUnitIds.push(row.id);
    else links.partnerOrganisationIds.push(row.id);
    byProject.set(row.project_id, links);
  }
  return byProject;
}

/** Programmes by id (deleted ones too: a project keeps the programme it named), one query. */
export async function loadProgrammeRefs(
  manager: EntityManager,
  ids: (string | null)[],
): Promise<Map<string, ProgrammeRefDto>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const programmes = await manager.find(ProgrammeEntity, {
    where: { id: In(wanted) },
    select: { id: true, code: true, name: true },
    withDeleted: true,
  });
  return new Map(programmes.map((p) => [p.id, { id: p.id, code: p.code, name: p.name }]));
}

export function toProjectDto(
  p: ProjectEntity,
  links: ProjectLinks,
  programmes: Map<string, ProgrammeRefDto>,
  refs: RegistryRefs,
): ProjectDto {
  return Object.assign(recordFields(p), {
    kind: p.kind,
    title: p.title,
    description: p.description,
    programmeId: p.programmeId,
    programme: p.programmeId === null ? null : (programmes.get(p.programmeId) ?? null),
    leadOrganisationId: p.leadOrganisationId,
    leadOrganisation: refs.organisation(p.leadOrganisationId),
    partnerOrganisationIds: links.partnerOrganisationIds,
    partnerOrganisations: links.partnerOrganisationIds.map((id) => refs.organisation(id)),
    adminUnitIds: links.adminUnitIds,
    adminUnits: links.adminUnitIds.map((id) => refs.unit(id)),
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    actualStart: p.actualStart,
    actualEnd: p.actualEnd,
    budget: {
      stateBudget: p.stateBudget,
      counterpart: p.counterpartBudget,
      other: p.otherBudget,
      total: budgetTotal(p),
    },
    decisionNumber: p.decisionNumber,
    decisionDate: p.decisionDate,
    status: p.status,
    statusNote: p.statusNote,
    cancelReason: p.cancelReason,
    allowedActions: projectActionsFrom(p.status),
  });
}

/**
 * Projects as shown, however many: their links in one query, their programmes in one, and the
 * organisations and units they name in one each (one after the other: in a transaction they
 * share one connection).
 */
export async function toProjectDtos(
  manager: EntityManager,
  projects: ProjectEntity[],
): Promise<ProjectDto[]> {
  if (projects.length === 0) return [];
  const links = await loadProjectLinks(
    manager,
    projects.map((p) => p.id),
  );
  const programmes = await loadProgrammeRefs(
    manager,
    projects.map((p) => p.programmeId),
  );
  const all = projects.map((p) => links.get(p.id) ?? NO_LINKS);
  const refs = await RegistryRefs.load(manager, {
    organisations: [
      ...projects.map((p) => p.leadOrganisationId),
      ...all.flatMap((l) => l.partnerOrganisationIds),
    ],
    units: all.flatMap((l) => l.adminUnitIds),
  });
  return projects.map((p) => toProjectDto(p, links.get(p.id) ?? NO_LINKS, programmes, refs));
}
