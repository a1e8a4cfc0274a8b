import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  ConflictError,
  districtOf,
  isInDistrict,
  Page,
  paginate,
  RecordKind,
  recordFields,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  whereInDistrict,
  whereSearch,
} from '@app/platform';
import { AdminUnitsService } from '../admin-units/admin-units.service';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationEntity } from './organisation.entity';

const SORT = { name: 'r.name', kind: 'r.kind', createdAt: 'r.createdAt' };

export function toOrganisationDto(o: OrganisationEntity): OrganisationDto {
  return {
    ...recordFields(o),
    name: o.name,
    shortName: o.shortName,
    kind: o.kind,
    adminUnitId: o.adminUnitId,
    parentId: o.parentId,
  };
}

export const ORGANISATION: RecordKind<OrganisationEntity, OrganisationDto> = {
  entityType: 'organisation',
  label: 'Organisation',
  entity: OrganisationEntity,
  toDto: toOrganisationDto,
  scope: (qb, actor) => whereInDistrict(qb, 'r.adminUnitId', actor),
};

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly units: AdminUnitsService,
  ) {}

  async list(actor: Actor, query: OrganisationQueryDto): Promise<Page<OrganisationDto>> {
    const qb = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('r');
    ORGANISATION.scope!(qb, actor);
    if (query.deleted) qb.withDeleted().andWhere('r.deletedAt IS NOT NULL');
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.adminUnitId)
      qb.andWhere('r.adminUnitId = :adminUnitId', { adminUnitId: query.adminUnitId });
    if (query.parentId) qb.andWhere('r.parentId = :parentId', { parentId: query.parentId });
    whereSearch(qb, query.q);
    const page = await paginate(qb, query, SORT, 'name');
    return { ...page, items: page.items.map(toOrganisationDto) };
  }

  async get(actor: Actor, id: string): Promise<OrganisationDto> {
    return toOrganisationDto(
      await this.writer.find(this.dataSource.manager, ORGANISATION, actor, id),
    );
  }

  async create(actor: Actor | null, body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.writer.create(actor, ORGANISATION, async (manager) => {
      const adminUnitId = body.adminUnitId ?? null;
      const parentId = body.parentId ?? null;
      await this.assertReferences(manager, actor, adminUnitId, parentId);
      return manager.create(OrganisationEntity, {
        name: body.name,
        shortName: body.shortName ?? null,
        kind: body.kind,
        adminUnitId,
        parentId,
      });
    });
  }

  async update(
    actor: Actor,
    id: string,
    version: number,
    body: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    rejectNulls(body, ['name', 'kind']);
    const changes = sentFields(body);
    return this.writer.change(actor, ORGANISATION, id, { version }, async (org, manager) => {
      const adminUnitId = changes.adminUnitId !== undefined ? changes.adminUnitId : org.adminUnitId;
      const parentId = changes.parentId !== undefined ? changes.parentId : org.parentId;
      await this.assertReferences(manager, actor, adminUnitId ?? null, parentId ?? null, id);
      Object.assign(org, changes, { adminUnitId, parentId });
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<OrganisationDto> {
    return this.writer.remove(actor, ORGANISATION, id, version, async (_org, manager) => {
      const children = await manager.count(OrganisationEntity, { where: { parentId: id } });
      if (children > 0) {
        throw new ConflictError(
          `${children} organisation(s) belong to this one; delete or move them first`,
        );
      }
    });
  }

  async restore(actor: Actor, id: string, version: number): Promise<OrganisationDto> {
    return this.writer.restore(actor, ORGANISATION, id, version);
  }

  /**
   * An organisation another record refers to, visible to the caller: 400 naming the field when it
   * does not exist, is deleted or lies outside a district officer's district.
   */
  async requireOrganisation(
    manager: EntityManager,
    actor: Actor | null,
    id: string,
    field: string,
  ): Promise<OrganisationEntity> {
    return this.writer.reference(manager, ORGANISATION, actor, id, field);
  }

  private async assertReferences(
    manager: EntityManager,
    actor: Actor | null,
    adminUnitId: string | null,
    parentId: string | null,
    selfId?: string,
  ): Promise<void> {
    if (actor && districtOf(actor) !== undefined && !adminUnitId) {
      throw RequestValidationError.field(
        'adminUnitId',
        'is required: an organisation of your district',
      );
    }
    if (adminUnitId) {
      await this.units.requireUnit(manager, adminUnitId, 'adminUnitId');
      const query = (sql: string, params: unknown[]) => manager.query<unknown[]>(sql, params);
      if (actor && !(await isInDistrict(query, actor, adminUnitId))) {
        throw RequestValidationError.field(
          'adminUnitId',
          'must be your district or one of its communes',
        );
      }
    }
    if (parentId) {
      if (parentId === selfId)
        throw RequestValidationError.field('parentId', 'cannot be the organisation itself');
      await this.requireOrganisation(manager, actor, parentId, 'parentId');
      if (selfId) {
        // Walk up from the new parent: meeting this organisation would make a cycle.
        const rows = await manager.query<{ id: string }[]>(
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
