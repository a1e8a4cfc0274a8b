import { Injectable } from '@nestjs/common';
import {
  type Actor,
  ConflictError,
  type Target,
  Page,
  paginate,
  RecordTransaction,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  whereSearch,
} from '@app/platform';
import { AdminUnitsService } from '../admin-units/admin-units.service';
import {
  CreateOrganisationDto,
  ORGANISATION_SORT,
  OrganisationDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { ORGANISATION } from './organisation.kind';
import { toOrganisationDto } from './organisation.mapper';
import { OrganisationEntity } from './organisation.entity';

/**
 * A second organisation of the same name in the same unit is most often the first one typed
 * again: refused (409) unless the caller confirms it is a different one.
 */
async function assertDistinctName(
  tx: RecordTransaction,
  name: string,
  adminUnitId: string | null,
  confirmed: boolean | undefined,
  selfId?: string,
): Promise<void> {
  if (confirmed) return;
  const twin = await tx.manager
    .createQueryBuilder(OrganisationEntity, 'o')
    .where('lower(o.name) = lower(:name)', { name })
    .andWhere('o.adminUnitId IS NOT DISTINCT FROM :adminUnitId', { adminUnitId })
    .andWhere('o.id <> :selfId', { selfId: selfId ?? '00000000-0000-0000-0000-000000000000' })
    .getOne();
  if (twin) {
    throw new ConflictError(
      `An organisation named “${twin.name}” already exists in this administrative unit (id ${twin.id}); send confirmDistinct: true if this is a different one`,
    );
  }
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly units: AdminUnitsService,
  ) {}

  async list(actor: Actor, query: OrganisationQueryDto): Promise<Page<OrganisationDto>> {
    const qb = this.writer.query(actor, ORGANISATION, query);
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.adminUnitId)
      qb.andWhere('r.adminUnitId = :adminUnitId', { adminUnitId: query.adminUnitId });
    if (query.parentId) qb.andWhere('r.parentId = :parentId', { parentId: query.parentId });
    whereSearch(qb, query.q, { text: 'r.name' });
    const page = await paginate(qb, query, ORGANISATION_SORT);
    return { ...page, items: page.items.map(toOrganisationDto) };
  }

  get(actor: Actor, id: string): Promise<OrganisationDto> {
    return this.writer.get(actor, ORGANISATION, id);
  }

  async create(actor: Actor, body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.writer.create(actor, ORGANISATION, async (tx) => {
      const adminUnitId = body.adminUnitId ?? null;
      const parentId = body.parentId ?? null;
      await this.assertReferences(tx, adminUnitId, parentId);
      await assertDistinctName(tx, body.name, adminUnitId, body.confirmDistinct);
      return tx.manager.create(OrganisationEntity, {
        name: body.name,
        shortName: body.shortName ?? null,
        kind: body.kind,
        adminUnitId,
        parentId,
      });
    });
  }

  async update(target: Target, body: UpdateOrganisationDto): Promise<OrganisationDto> {
    rejectNulls(body, ['name', 'kind']);
    const { confirmDistinct, ...changes } = sentFields(body);
    const id = target.id;
    return this.writer.change(target, ORGANISATION, async (org, tx) => {
      const adminUnitId = changes.adminUnitId !== undefined ? changes.adminUnitId : org.adminUnitId;
      const parentId = changes.parentId !== undefined ? changes.parentId : org.parentId;
      await this.assertReferences(tx, adminUnitId ?? null, parentId ?? null, id);
      if (changes.name !== undefined || changes.adminUnitId !== undefined) {
        const name = changes.name ?? org.name;
        await assertDistinctName(tx, name, adminUnitId ?? null, confirmDistinct, id);
      }
      Object.assign(org, changes, { adminUnitId, parentId });
    });
  }

  /**
   * Soft-deletes an organisation no other organisation belongs to. Those the caller can see are
   * named; one they cannot see (another district's office) is not revealed.
   */
  async remove(target: Target): Promise<OrganisationDto> {
    const { actor, id } = target;
    return this.writer.remove(target, ORGANISATION, async (_org, tx) => {
      const total = await tx.manager.count(OrganisationEntity, { where: { parentId: id } });
      if (total === 0) return;
      const visible = await this.writer
        .query(actor, ORGANISATION)
        .andWhere('r.parentId = :id', { id })
        .orderBy('r.name')
        .limit(5)
        .getMany();
      if (visible.length === 0) {
        throw new ConflictError(
          'This organisation is in use by records you cannot change; ask the Department to delete it',
        );
      }
      throw new ConflictError(
        `Organisations belong to this one (${visible.map((o) => o.name).join('; ')}); delete or move them first`,
      );
    });
  }

  restore(target: Target): Promise<OrganisationDto> {
    return this.writer.restore(target, ORGANISATION);
  }

  /**
   * An organisation another record refers to, visible to the caller: 400 naming the field when it
   * does not exist, is deleted or lies outside a district officer's district.
   */
  requireOrganisation(
    tx: RecordTransaction,
    id: string,
    field: string,
  ): Promise<OrganisationEntity> {
    return tx.reference(ORGANISATION, id, field);
  }

  private async assertReferences(
    tx: RecordTransaction,
    adminUnitId: string | null,
    parentId: string | null,
    selfId?: string,
  ): Promise<void> {
    if (adminUnitId) await this.units.requireUnit(tx.manager, adminUnitId, 'adminUnitId');
    if (parentId) {
      if (parentId === selfId)
        throw RequestValidationError.field('parentId', 'cannot be the organisation itself');
      await this.requireOrganisation(tx, parentId, 'parentId');
      if (selfId) {
        // Walk up from the new parent: meeting this organisation would make a cycle.
        const rows = await tx.manager.query<{ id: string }[]>(
          `WITH RECURSIVE up(id, parent_id) AS (
             SELECT id, parent_id FROM organisation WHERE id = $1
             UNION SELECT o.id, o.parent_id FROM organisation o JOIN up ON o.id = up.parent_id)
           SELECT id FROM up WHERE id = $2`,
          [parentId, selfId],
        );
        if (rows.length > 0)
          throw RequestValidationError.field(
            'parentId',
            'would make the organisation its own ancestor',
          );
      }
    }
  }
}
