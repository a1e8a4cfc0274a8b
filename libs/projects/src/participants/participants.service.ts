import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type FieldError,
  ForbiddenError,
  Page,
  paginate,
  RecordTransaction,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  type Target,
  whereSearch,
} from '@app/platform';
import { AdminUnitEntity, OrganisationsService, whereInDistrict } from '@app/registry';
import { isDistrictScoped } from '../projects/project-access';
import { ProjectsService } from '../projects/projects.service';
import {
  BulkCreateProjectParticipantsDto,
  BulkProjectParticipantsDto,
  CreateProjectParticipantDto,
  PROJECT_PARTICIPANT_SORT,
  ProjectParticipantDto,
  ProjectParticipantQueryDto,
  SelectProjectParticipantDto,
  UpdateProjectParticipantDto,
  WithdrawProjectParticipantDto,
} from './dto/participant.dto';
import { PROJECT_PARTICIPANT } from './participant.kind';
import { toParticipantDtos } from './participant.mapper';
import { ProjectParticipantEntity } from './participant.entity';
import { PARTICIPANT_STATUS_MACHINE, type ParticipantAction } from './participant-status';

/** A unit some rows name, and whether it is one of the project's units or lies inside one. */
interface UnitCheck {
  id: string;
  name: string;
  code: string;
  insideProject: boolean;
}

/**
 * The households and organisations taking part in a project. Every change locks the project
 * first (a completed or cancelled project's participants are read-only), then the participant.
 * A bulk add validates every row before writing any, then writes them all in one transaction,
 * each audited.
 */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly projects: ProjectsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(
    actor: Actor,
    projectId: string,
    query: ProjectParticipantQueryDto,
  ): Promise<Page<ProjectParticipantDto>> {
    await this.projects.findVisible(actor, projectId);
    const qb = this.writer
      .query(actor, PROJECT_PARTICIPANT)
      .andWhere('r.projectId = :projectId', { projectId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.adminUnitId) {
      qb.andWhere('r.adminUnitId = :adminUnitId', { adminUnitId: query.adminUnitId });
    }
    whereSearch(qb, query.q, { text: 'r.name' });
    const page = await paginate(qb, query, PROJECT_PARTICIPANT_SORT);
    return { ...page, items: await toParticipantDtos(this.writer.context().manager, page.items) };
  }

  async get(target: Target, projectId: string): Promise<ProjectParticipantDto> {
    const participant = await this.writer.findChild(target, PROJECT_PARTICIPANT, projectId);
    return PROJECT_PARTICIPANT.toDto(participant, this.writer.context());
  }

  create(
    actor: Actor,
    projectId: string,
    body: CreateProjectParticipantDto,
  ): Promise<ProjectParticipantDto> {
    return this.writer.create(actor, PROJECT_PARTICIPANT, async (tx) => {
      await this.projects.lockForChange(tx, projectId);
      assertValid(await this.unitErrors(tx, projectId, [body.adminUnitId], () => 'adminUnitId'));
      return newParticipant(tx, projectId, body);
    });
  }

  /**
   * Adds every row or none: each row is validated (its fields by the request's validation, its
   * ward against the project and the caller's district here), and any bad row answers 400 naming
   * it by index (`items.3.adminUnitId`) with nothing written. Then all rows are inserted in one
   * transaction through the write path, each audited as `create`.
   */
  bulkAdd(
    actor: Actor,
    projectId: string,
    body: BulkCreateProjectParticipantsDto,
  ): Promise<BulkProjectParticipantsDto> {
    return this.writer.run(actor, async (tx) => {
      await this.projects.lockForChange(tx, projectId);
      const rows = body.items;
      const errors = await this.unitErrors(
        tx,
        projectId,
        rows.map((row) => row.adminUnitId),
        (index) => `items.${index}.adminUnitId`,
      );
      if (errors.length > 0) {
        const bad = new Set(errors.map((e) => e.field.split('.')[1])).size;
        throw new RequestValidationError(
          errors,
          `${bad} of ${rows.length} rows are invalid; nothing was added`,
        );
      }
      const items = await tx.insertMany(
        PROJECT_PARTICIPANT,
        rows.map((row) => newParticipant(tx, projectId, row)),
      );
      return { items, count: items.length };
    });
  }

  update(
    target: Target,
    projectId: string,
    body: UpdateProjectParticipantDto,
  ): Promise<ProjectParticipantDto> {
    rejectNulls(body, ['kind', 'name', 'adminUnitId']);
    const changes = sentFields(body);
    return this.writer.run(target.actor, async (tx) => {
      const participant = await this.lockForChange(tx, projectId, target);
      if (changes.adminUnitId !== undefined && changes.adminUnitId !== participant.adminUnitId) {
        assertValid(
          await this.unitErrors(tx, projectId, [changes.adminUnitId], () => 'adminUnitId'),
        );
      }
      return tx.change(PROJECT_PARTICIPANT, participant, (p) => Object.assign(p, changes));
    });
  }

  remove(target: Target, projectId: string): Promise<ProjectParticipantDto> {
    return this.writer.run(target.actor, async (tx) => {
      const participant = await this.lockForChange(tx, projectId, target);
      return tx.remove(PROJECT_PARTICIPANT, participant);
    });
  }

  /**
   * `select` (who selected them and when) or `withdraw`, by the status machine's rules; audited
   * under the action's name. The selecting organisation must be one the caller may name.
   */
  act(
    target: Target,
    projectId: string,
    action: ParticipantAction,
    body: SelectProjectParticipantDto | WithdrawProjectParticipantDto,
  ): Promise<ProjectParticipantDto> {
    return this.writer.run(target.actor, async (tx) => {
      const participant = await this.lockForChange(tx, projectId, target);
      return tx.act(
        PROJECT_PARTICIPANT,
        participant,
        PARTICIPANT_STATUS_MACHINE,
        action,
        { ...body },
        async (p) => {
          if (p.selectedOn && p.selectedOn > tx.context.today) {
            throw RequestValidationError.field(
              'selectedOn',
              `must not be after today (${tx.context.today})`,
            );
          }
          if (action === 'select') {
            await this.organisations.requireOrganisation(
              tx,
              p.selectedByOrganisationId!,
              'selectedByOrganisationId',
            );
          }
        },
      );
    });
  }

  /**
   * A participant to change, the project locked first. On a project shared between districts, a
   * district officer sees every household but changes only those of their own wards (403 with the
   * reason for another district's).
   */
  private async lockForChange(
    tx: RecordTransaction,
    projectId: string,
    target: Target,
  ): Promise<ProjectParticipantEntity> {
    const participant = await tx.lockChild(PROJECT_PARTICIPANT, projectId, target);
    if (isDistrictScoped(tx.actor)) {
      const qb = tx.manager
        .createQueryBuilder(AdminUnitEntity, 'u')
        .where('u.id = :unit', { unit: participant.adminUnitId });
      whereInDistrict(qb, 'u.id', tx.actor);
      if (!(await qb.getExists())) {
        throw new ForbiddenError(
          'A district officer changes only the participants of their own district’s wards',
        );
      }
    }
    return participant;
  }

  /**
   * What is wrong with the units of some rows, each named by `fieldOf(index)`: a unit that does
   * not exist, one outside the project (not one of its units nor inside one), and for a district
   * officer one outside their district. One query for the units (two for a district officer),
   * however many rows.
   */
  private async unitErrors(
    tx: RecordTransaction,
    projectId: string,
    unitIds: string[],
    fieldOf: (index: number) => string,
  ): Promise<FieldError[]> {
    const unique = [...new Set(unitIds)];
    const checks = await tx.manager.query<UnitCheck[]>(
      `SELECT u.id, u.name, u.code,
              EXISTS (SELECT 1 FROM project_admin_unit l
                       WHERE l.project_id = $1
                         AND l.admin_unit_id IN (u.id, u.parent_id, p.parent_id)) AS "insideProject"
         FROM admin_unit u LEFT JOIN admin_unit p ON p.id = u.parent_id
        WHERE u.id = ANY($2::uuid[]) AND u.deleted_at IS NULL`,
      [projectId, unique],
    );
    const byId = new Map(checks.map((c) => [c.id, c]));
    let inDistrict: Set<string> | undefined;
    if (isDistrictScoped(tx.actor)) {
      const qb = tx.manager
        .createQueryBuilder(AdminUnitEntity, 'u')
        .select('u.id')
        .where('u.id IN (:...unique)', { unique });
      whereInDistrict(qb, 'u.id', tx.actor);
      inDistrict = new Set((await qb.getMany()).map((u) => u.id));
    }
    const errors: FieldError[] = [];
    unitIds.forEach((id, index) => {
      const unit = byId.get(id);
      const field = fieldOf(index);
      if (!unit) {
        errors.push({ field, message: 'no administrative unit has this id' });
      } else if (!unit.insideProject) {
        errors.push({
          field,
          message: `${unit.name} (${unit.code}) lies outside the project's units: it must be one of them or a ward or commune inside one`,
        });
      } else if (inDistrict && !inDistrict.has(id)) {
        errors.push({ field, message: 'must be your district or one of its communes' });
      }
    });
    return errors;
  }
}

function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) throw new RequestValidationError(errors);
}

function newParticipant(
  tx: RecordTransaction,
  projectId: string,
  row: CreateProjectParticipantDto,
): ProjectParticipantEntity {
  return tx.manager.create(ProjectParticipantEntity, {
    projectId,
    kind: row.kind ?? 'household',
    name: row.name,
    adminUnitId: row.adminUnitId,
    areaM2: row.areaM2 ?? null,
    contact: row.contact ?? null,
    note: row.note ?? null,
    status: 'proposed',
    selectedByOrganisationId: null,
    selectedOn: null,
    withdrawReason: null,
    statusNote: null,
  });
}
