import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  type Actor,
  ConflictError,
  type Target,
  Page,
  paginate,
  RecordWriter,
  registerConstraintMessages,
  rejectNulls,
  RequestValidationError,
  sentFields,
  whereSearch,
} from '@app/platform';
import {
  AdminUnitEntity,
  AdminUnitSuccessorEntity,
  LEVEL_RANK,
  SUBTYPES_BY_LEVEL,
  type AdminLevel,
  type AdminSubtype,
} from './admin-unit.entity';
import { ADMIN_UNIT } from './admin-unit.kind';
import { toAdminUnitDtos } from './admin-unit.mapper';
import {
  ADMIN_UNIT_SORT,
  AdminUnitDto,
  AdminUnitQueryDto,
  CreateAdminUnitDto,
  UpdateAdminUnitDto,
} from './dto/admin-unit.dto';

registerConstraintMessages({
  xc_admin_unit_code_in_force:
    'Another administrative unit with this code is in force during an overlapping period; ' +
    'a code may come back only in another era (set validFrom/validTo so the periods do not overlap)',
  ck_admin_unit_validity: 'validFrom must be on or before validTo',
});

/** SQL: the unit (alias) is in force on the date parameter. */
export function inForceOn(alias: string, param: string): string {
  return `(${alias}.valid_from IS NULL OR ${alias}.valid_from <= :${param}) AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= :${param})`;
}

function isInForce(unit: AdminUnitEntity, date: string): boolean {
  return (
    (unit.validFrom === null || unit.validFrom <= date) &&
    (unit.validTo === null || unit.validTo >= date)
  );
}

interface Shape {
  id?: string;
  level: AdminLevel;
  subtype: AdminSubtype;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
}

@Injectable()
export class AdminUnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
  ) {}

  async list(actor: Actor, query: AdminUnitQueryDto): Promise<Page<AdminUnitDto>> {
    const qb = this.writer.query(actor, ADMIN_UNIT, query);
    if (query.level) qb.andWhere('r.level = :level', { level: query.level });
    if (query.subtype) qb.andWhere('r.subtype = :subtype', { subtype: query.subtype });
    if (query.parentId) qb.andWhere('r.parentId = :parentId', { parentId: query.parentId });
    if (query.code) qb.andWhere('r.code = :code', { code: query.code });
    if (query.validOn) qb.andWhere(inForceOn('r', 'validOn'), { validOn: query.validOn });
    whereSearch(qb, query.q, { text: 'r.name' });
    const page = await paginate(qb, query, ADMIN_UNIT_SORT);
    return { ...page, items: await toAdminUnitDtos(this.dataSource.manager, page.items) };
  }

  get(actor: Actor, id: string): Promise<AdminUnitDto> {
    return this.writer.get(actor, ADMIN_UNIT, id);
  }

  async create(actor: Actor, body: CreateAdminUnitDto): Promise<AdminUnitDto> {
    return this.writer.create(
      actor,
      ADMIN_UNIT,
      async ({ manager }) => {
        const shape: Shape = {
          level: body.level,
          subtype: body.subtype,
          parentId: body.parentId ?? null,
          validFrom: body.validFrom ?? null,
          validTo: body.validTo ?? null,
        };
        await this.assertShape(manager, shape);
        return manager.create(AdminUnitEntity, { ...shape, code: body.code, name: body.name });
      },
      async (unit, { manager }) => {
        if (body.successorIds) await this.replaceSuccessors(manager, unit.id, body.successorIds);
      },
    );
  }

  async update(target: Target, body: UpdateAdminUnitDto): Promise<AdminUnitDto> {
    rejectNulls(body, ['code', 'name', 'level', 'subtype']);
    const changes = sentFields(body);
    const id = target.id;
    return this.writer.change(target, ADMIN_UNIT, async (unit, { manager }) => {
      const shape: Shape = {
        id,
        level: changes.level ?? unit.level,
        subtype: changes.subtype ?? unit.subtype,
        parentId: changes.parentId !== undefined ? changes.parentId : unit.parentId,
        validFrom: changes.validFrom !== undefined ? changes.validFrom : unit.validFrom,
        validTo: changes.validTo !== undefined ? changes.validTo : unit.validTo,
      };
      await this.assertShape(manager, shape);
      if (changes.level !== undefined && changes.level !== unit.level) {
        const children = await manager.count(AdminUnitEntity, { where: { parentId: id } });
        if (children > 0) {
          throw new ConflictError(
            `The level cannot change: ${children} unit(s) lie under this one`,
          );
        }
      }
      Object.assign(unit, shape);
      if (changes.code !== undefined) unit.code = changes.code;
      if (changes.name !== undefined) unit.name = changes.name;
      if (changes.successorIds !== undefined)
        await this.replaceSuccessors(manager, id, changes.successorIds);
    });
  }

  async remove(target: Target): Promise<AdminUnitDto> {
    const id = target.id;
    return this.writer.remove(target, ADMIN_UNIT, async (_unit, { manager }) => {
      const children = await manager.count(AdminUnitEntity, { where: { parentId: id } });
      if (children > 0) {
        throw new ConflictError(
          `This unit has ${children} unit(s) under it; delete or move them first`,
        );
      }
    });
  }

  async restore(target: Target): Promise<AdminUnitDto> {
    return this.writer.restore(target, ADMIN_UNIT, async (unit, { manager }) => {
      if (
        unit.parentId &&
        !(await manager.exists(AdminUnitEntity, { where: { id: unit.parentId } }))
      ) {
        throw new ConflictError('Its parent unit is deleted; restore the parent first');
      }
    });
  }

  /**
   * A unit another record refers to: 400 naming the field when it does not exist or, given a date,
   * when it is not in force on that date (new records refuse a unit that no longer exists).
   */
  async requireUnit(
    manager: EntityManager,
    id: string,
    field: string,
    on?: string,
  ): Promise<AdminUnitEntity> {
    const unit = await manager.findOne(AdminUnitEntity, { where: { id } });
    if (!unit) throw RequestValidationError.field(field, 'no administrative unit has this id');
    if (on !== undefined && !isInForce(unit, on)) {
      const period = `${unit.validFrom ?? '…'} – ${unit.validTo ?? '…'}`;
      throw RequestValidationError.field(
        field,
        `${unit.name} (${unit.code}) is not in force on ${on} (in force ${period}); use the unit valid on that date`,
      );
    }
    return unit;
  }

  /** Right subtype for the level; a parent of a higher level whose period covers the child's. */
  private async assertShape(manager: EntityManager, shape: Shape): Promise<void> {
    if (!SUBTYPES_BY_LEVEL[shape.level].includes(shape.subtype)) {
      throw RequestValidationError.field(
        'subtype',
        `a ${shape.level} must be one of: ${SUBTYPES_BY_LEVEL[shape.level].join(', ')}`,
      );
    }
    if (shape.validFrom && shape.validTo && shape.validFrom > shape.validTo) {
      throw RequestValidationError.field('validTo', 'must be on or after validFrom');
    }
    if (shape.level === 'province') {
      if (shape.parentId)
        throw RequestValidationError.field('parentId', 'a province has no parent');
      return;
    }
    if (!shape.parentId)
      throw RequestValidationError.field('parentId', `a ${shape.level} needs a parent unit`);
    if (shape.parentId === shape.id)
      throw RequestValidationError.field('parentId', 'a unit cannot be its own parent');
    const parent = await manager.findOne(AdminUnitEntity, { where: { id: shape.parentId } });
    if (!parent)
      throw RequestValidationError.field('parentId', 'no administrative unit has this id');
    if (LEVEL_RANK[parent.level] >= LEVEL_RANK[shape.level]) {
      throw RequestValidationError.field(
        'parentId',
        `a ${shape.level} must lie under a unit of a higher level, not a ${parent.level}`,
      );
    }
    const startsBefore =
      parent.validFrom !== null && (shape.validFrom === null || shape.validFrom < parent.validFrom);
    const endsAfter =
      parent.validTo !== null && (shape.validTo === null || shape.validTo > parent.validTo);
    if (startsBefore || endsAfter) {
      throw RequestValidationError.field(
        'parentId',
        `the parent ${parent.name} is in force ${parent.validFrom ?? '…'} – ${parent.validTo ?? '…'}, which must cover this unit's period`,
      );
    }
  }

  private async replaceSuccessors(
    manager: EntityManager,
    id: string,
    successorIds: string[],
  ): Promise<void> {
    const unique = [...new Set(successorIds)];
    if (unique.includes(id))
      throw RequestValidationError.field('successorIds', 'a unit cannot succeed itself');
    if (unique.length > 0) {
      const found = await manager.count(AdminUnitEntity, { where: { id: In(unique) } });
      if (found !== unique.length) {
        throw RequestValidationError.field('successorIds', 'some ids are not administrative units');
      }
    }
    await manager.delete(AdminUnitSuccessorEntity, { predecessorId: id });
    if (unique.length > 0) {
      await manager.insert(
        AdminUnitSuccessorEntity,
        unique.map((successorId) => ({ predecessorId: id, successorId })),
      );
    }
  }
}
