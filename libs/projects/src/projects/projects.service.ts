import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import {
  type Actor,
  type FieldError,
  FollowUpTasks,
  type IfMatch,
  Page,
  paginate,
  RecordTransaction,
  RecordWriter,
  registerConstraintMessages,
  rejectNulls,
  RequestValidationError,
  sentFields,
  type Target,
  whereSearch,
} from '@app/platform';
import {
  AdminUnitEntity,
  OrganisationsService,
  RegistryRefs,
  whereInDistrict,
} from '@app/registry';
import { loadIndicators } from '../indicators/indicator.mapper';
import { participantCounts } from '../participants/participant-counts';
import { ProgrammesService } from '../programmes/programmes.service';
import {
  ApproveProjectDto,
  BudgetInputDto,
  CancelProjectDto,
  CompleteProjectDto,
  CreateProjectDto,
  PROJECT_SORT,
  ProjectDetailDto,
  ProjectDto,
  ProjectQueryDto,
  StartProjectDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { isDistrictScoped } from './project-access';
import { PROJECT } from './project.kind';
import { loadProgrammeRefs, loadProjectLinks, toProjectDto, toProjectDtos } from './project.mapper';
import { ProjectAdminUnitEntity, ProjectEntity, ProjectPartnerEntity } from './project.entity';
import { type BudgetParts, budgetErrors, projectDateErrors } from './project-rules';
import { PROJECT_STATUS_MACHINE, type ProjectAction } from './project-status';

registerConstraintMessages({
  ck_project_planned_dates: 'plannedEnd must not be before plannedStart',
  ck_project_actual_dates: 'actualEnd must not be before actualStart',
  ck_project_budget: 'budget amounts must not be negative',
});

type ActionBody = ApproveProjectDto | StartProjectDto | CompleteProjectDto | CancelProjectDto;

function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) throw new RequestValidationError(errors);
}

/** The parts of a budget as sent, over the ones recorded (a part not sent stays as it is). */
function budgetParts(sent: BudgetInputDto | undefined, current: BudgetParts): BudgetParts {
  const pick = (value: number | null | undefined, was: number | null) =>
    value === undefined ? was : value;
  return {
    stateBudget: pick(sent?.stateBudget, current.stateBudget),
    counterpartBudget: pick(sent?.counterpart, current.counterpartBudget),
    otherBudget: pick(sent?.other, current.otherBudget),
  };
}

const NO_BUDGET: BudgetParts = { stateBudget: null, counterpartBudget: null, otherBudget: null };

@Injectable()
export class ProjectsService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsService,
    private readonly tasks: FollowUpTasks,
  ) {}

  async list(actor: Actor, query: ProjectQueryDto): Promise<Page<ProjectDto>> {
    const qb = this.writer.query(actor, PROJECT, query);
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.programmeId) {
      qb.andWhere('r.programmeId = :programmeId', { programmeId: query.programmeId });
    }
    if (query.leadOrganisationId) {
      qb.andWhere('r.leadOrganisationId = :lead', { lead: query.leadOrganisationId });
    }
    if (query.adminUnitId) {
      // The unit itself or a unit inside it (units nest at most two levels below a province).
      qb.andWhere(
        `EXISTS (SELECT 1 FROM project_admin_unit fl
                   JOIN admin_unit fu ON fu.id = fl.admin_unit_id
                   LEFT JOIN admin_unit fp ON fp.id = fu.parent_id
                  WHERE fl.project_id = r.id
                    AND (fu.id = :unitFilter OR fu.parent_id = :unitFilter OR fp.parent_id = :unitFilter))`,
        { unitFilter: query.adminUnitId },
      );
    }
    if (query.year !== undefined) {
      const start = 'coalesce(r.actual_start, r.planned_start)';
      const end = 'coalesce(r.actual_end, r.planned_end)';
      const year = 'CAST(:year AS integer)';
      qb.andWhere(
        `(CASE
            WHEN ${start} IS NOT NULL THEN ${start} <= make_date(${year}, 12, 31)
                 AND (${end} IS NULL OR ${end} >= make_date(${year}, 1, 1))
            WHEN ${end} IS NOT NULL THEN ${end} BETWEEN make_date(${year}, 1, 1) AND make_date(${year}, 12, 31)
            ELSE EXISTS (SELECT 1 FROM programme yp WHERE yp.id = r.programme_id
                                                   AND ${year} BETWEEN yp.start_year AND yp.end_year)
          END)`,
        { year: query.year },
      );
    }
    whereSearch(qb, query.q, { text: 'r.title' });
    const page = await paginate(qb, query, PROJECT_SORT);
    return { ...page, items: await toProjectDtos(this.writer.context().manager, page.items) };
  }

  get(actor: Actor, id: string): Promise<ProjectDto> {
    return this.writer.get(actor, PROJECT, id);
  }

  /**
   * The project's page: the project with its units, partners and programme named, its
   * participants counted by status and by ward, its indicators and the tasks about it. A fixed
   * number of queries, however many participants, indicators or tasks there are.
   */
  async view(actor: Actor, id: string): Promise<ProjectDetailDto> {
    const project = await this.writer.find(actor, PROJECT, id);
    const context = this.writer.context();
    const { manager } = context;
    const [links, programmes, counts, indicators, tasks] = await Promise.all([
      loadProjectLinks(manager, [id]),
      loadProgrammeRefs(manager, [project.programmeId]),
      participantCounts(manager, id),
      loadIndicators(manager, id),
      this.tasks.about(context, 'project', [id]),
    ]);
    const own = links.get(id) ?? { adminUnitIds: [], partnerOrganisationIds: [] };
    const refs = await RegistryRefs.load(manager, {
      organisations: [project.leadOrganisationId, ...own.partnerOrganisationIds],
      units: [...own.adminUnitIds, ...counts.byWard.map((w) => w.adminUnitId)],
    });
    return {
      ...toProjectDto(project, own, programmes, refs),
      participants: {
        byStatus: counts.byStatus,
        byWard: counts.byWard.map((ward) => ({ ...ward, adminUnit: refs.unit(ward.adminUnitId) })),
      },
      indicators,
      tasks: tasks.get(id) ?? [],
    };
  }

  async create(actor: Actor, body: CreateProjectDto): Promise<ProjectDto> {
    const partnerOrganisationIds = body.partnerOrganisationIds ?? [];
    const budget = budgetParts(body.budget, NO_BUDGET);
    return this.writer.create(
      actor,
      PROJECT,
      async (tx) => {
        const dates = {
          plannedStart: body.plannedStart ?? null,
          plannedEnd: body.plannedEnd ?? null,
          actualStart: null,
          actualEnd: null,
        };
        assertValid([...projectDateErrors(dates, tx.context.today), ...budgetErrors(budget)]);
        if (body.programmeId) {
          await this.programmes.requireProgramme(tx, body.programmeId, 'programmeId');
        }
        const lead = body.leadOrganisationId ?? null;
        if (lead) await this.organisations.requireOrganisation(tx, lead, 'leadOrganisationId');
        await this.assertPartners(tx, lead, partnerOrganisationIds, []);
        await this.assertUnits(tx, body.adminUnitIds, [], dates.plannedStart ?? undefined);
        return tx.manager.create(ProjectEntity, {
          kind: body.kind,
          title: body.title,
          description: body.description ?? null,
          programmeId: body.programmeId ?? null,
          leadOrganisationId: lead,
          status: 'proposed',
          ...dates,
          ...budget,
          decisionNumber: body.decisionNumber ?? null,
          decisionDate: body.decisionDate ?? null,
          statusNote: null,
          cancelReason: null,
        });
      },
      (project, tx) =>
        replaceLinks(tx.manager, project.id, body.adminUnitIds, partnerOrganisationIds),
    );
  }

  async update(target: Target, body: UpdateProjectDto): Promise<ProjectDto> {
    rejectNulls(body, ['kind', 'title', 'adminUnitIds', 'partnerOrganisationIds', 'budget']);
    const { adminUnitIds, partnerOrganisationIds, budget, actualStart, ...changes } =
      sentFields(body);
    return this.writer.change(target, PROJECT, async (project, tx) => {
      const links = (await loadProjectLinks(tx.manager, [project.id])).get(project.id) ?? {
        adminUnitIds: [],
        partnerOrganisationIds: [],
      };
      if (actualStart !== undefined && project.status !== 'in_progress') {
        throw RequestValidationError.field(
          'actualStart',
          `is set by start; it may be corrected only while the project is in progress (it is ${project.status})`,
        );
      }
      const parts = budgetParts(budget, project);
      const dates = {
        plannedStart:
          changes.plannedStart !== undefined ? changes.plannedStart : project.plannedStart,
        plannedEnd: changes.plannedEnd !== undefined ? changes.plannedEnd : project.plannedEnd,
        actualStart: actualStart ?? project.actualStart,
        actualEnd: project.actualEnd,
      };
      assertValid([...projectDateErrors(dates, tx.context.today), ...budgetErrors(parts)]);
      if (changes.programmeId) {
        await this.programmes.requireProgramme(tx, changes.programmeId, 'programmeId');
      }
      const lead =
        changes.leadOrganisationId !== undefined
          ? changes.leadOrganisationId
          : project.leadOrganisationId;
      if (changes.leadOrganisationId) {
        await this.organisations.requireOrganisation(
          tx,
          changes.leadOrganisationId,
          'leadOrganisationId',
        );
      }
      const partners = partnerOrganisationIds ?? links.partnerOrganisationIds;
      if (partnerOrganisationIds !== undefined || changes.leadOrganisationId !== undefined) {
        await this.assertPartners(tx, lead, partners, links.partnerOrganisationIds);
      }
      if (adminUnitIds !== undefined) {
        await this.assertUnits(
          tx,
          adminUnitIds,
          links.adminUnitIds,
          dates.plannedStart ?? dates.actualStart ?? undefined,
        );
      }
      Object.assign(project, changes, parts, dates, { leadOrganisationId: lead });
      if (adminUnitIds !== undefined || partnerOrganisationIds !== undefined) {
        await replaceLinks(tx.manager, project.id, adminUnitIds ?? links.adminUnitIds, partners);
      }
    });
  }

  remove(target: Target): Promise<ProjectDto> {
    return this.writer.remove(target, PROJECT);
  }

  restore(target: Target): Promise<ProjectDto> {
    return this.writer.restore(target, PROJECT);
  }

  /**
   * `approve`, `start`, `complete` or `cancel` by the status machine's rules, audited under the
   * action's name; the dates it sets must still hold (an end never before its start, no actual
   * date after today). A final project answers 409 naming no allowed action.
   */
  act(target: Target, action: ProjectAction, body: ActionBody): Promise<ProjectDto> {
    return this.writer.act(target, PROJECT, PROJECT_STATUS_MACHINE, action, body, (project, tx) =>
      assertValid(projectDateErrors(project, tx.context.today)),
    );
  }

  /**
   * Locks a project the caller can see, for a change to its participants or indicators: 404 when
   * it is not visible, 409 when it is completed or cancelled. Writers of one project's children
   * serialise here.
   */
  lockForChange(tx: RecordTransaction, id: string, ifMatch?: IfMatch): Promise<ProjectEntity> {
    return tx.lock(PROJECT, id, { ifMatch });
  }

  /** A project the caller can see, for reading its children; 404 otherwise. */
  findVisible(actor: Actor, id: string): Promise<ProjectEntity> {
    return this.writer.find(actor, PROJECT, id);
  }

  /**
   * Partners exist and the caller may name them (a district officer: organisations of their
   * district; partners already on the project stay whoever added them); the lead is not one.
   */
  private async assertPartners(
    tx: RecordTransaction,
    lead: string | null,
    partners: string[],
    existing: string[],
  ): Promise<void> {
    for (const [index, id] of partners.entries()) {
      if (!existing.includes(id)) {
        await this.organisations.requireOrganisation(tx, id, `partnerOrganisationIds.${index}`);
      }
    }
    if (lead !== null && partners.includes(lead)) {
      throw RequestValidationError.field(
        'partnerOrganisationIds',
        'must not include the lead organisation',
      );
    }
  }

  /**
   * The units exist (and, given the project's start, are in force on it); a district officer
   * adds and removes only units of their district or its communes, so a project they create
   * lies wholly in their district and one shared with another district keeps that district's
   * units. One query for the units, one for the district.
   */
  private async assertUnits(
    tx: RecordTransaction,
    ids: string[],
    existing: string[],
    on: string | undefined,
  ): Promise<void> {
    const units = new Map(
      (
        await tx.manager.find(AdminUnitEntity, {
          where: { id: In([...new Set([...ids, ...existing])]) },
          withDeleted: true,
        })
      ).map((u) => [u.id, u]),
    );
    const errors: FieldError[] = [];
    const added = ids.filter((id) => !existing.includes(id));
    for (const [index, id] of ids.entries()) {
      const unit = units.get(id);
      const field = `adminUnitIds.${index}`;
      if (!added.includes(id)) continue;
      if (!unit || unit.deletedAt !== null) {
        errors.push({ field, message: 'no administrative unit has this id' });
      } else if (
        on !== undefined &&
        ((unit.validFrom !== null && unit.validFrom > on) ||
          (unit.validTo !== null && unit.validTo < on))
      ) {
        errors.push({
          field,
          message: `${unit.name} (${unit.code}) is not in force on ${on}, the project's start (in force ${unit.validFrom ?? '…'} – ${unit.validTo ?? '…'}); use the unit valid then`,
        });
      }
    }
    assertValid(errors);
    if (!isDistrictScoped(tx.actor)) return;
    const removed = existing.filter((id) => !ids.includes(id));
    const changed = [...added, ...removed];
    if (changed.length === 0) return;
    const qb = tx.manager
      .createQueryBuilder(AdminUnitEntity, 'u')
      .select('u.id')
      .where('u.id IN (:...changed)', { changed });
    whereInDistrict(qb, 'u.id', tx.actor);
    const inside = new Set((await qb.getMany()).map((u) => u.id));
    for (const [index, id] of ids.entries()) {
      if (added.includes(id) && !inside.has(id)) {
        errors.push({
          field: `adminUnitIds.${index}`,
          message: 'must be your district or one of its communes',
        });
      }
    }
    for (const id of removed.filter((r) => !inside.has(r))) {
      const unit = units.get(id);
      errors.push({
        field: 'adminUnitIds',
        message: `must keep ${unit ? `${unit.name} (${unit.code})` : id}: it lies outside your district`,
      });
    }
    assertValid(errors);
  }
}

/** Writes a project's units and partners as given (the project's change is what is audited). */
async function replaceLinks(
  manager: EntityManager,
  projectId: string,
  adminUnitIds: string[],
  partnerOrganisationIds: string[],
): Promise<void> {
  await manager.delete(ProjectAdminUnitEntity, { projectId });
  await manager.delete(ProjectPartnerEntity, { projectId });
  if (adminUnitIds.length > 0) {
    await manager.insert(
      ProjectAdminUnitEntity,
      adminUnitIds.map((adminUnitId) => ({ projectId, adminUnitId })),
    );
  }
  if (partnerOrganisationIds.length > 0) {
    await manager.insert(
      ProjectPartnerEntity,
      partnerOrganisationIds.map((organisationId) => ({ projectId, organisationId })),
    );
  }
}
