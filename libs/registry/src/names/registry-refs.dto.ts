import { ApiProperty } from '@nestjs/swagger';
import { In, type EntityManager } from 'typeorm';
import { ADMIN_LEVELS, type AdminLevel } from '../admin-units/admin-unit.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { PersonEntity } from '../people/person.entity';

/** An organisation as another record shows it beside its id: enough to read it without a lookup. */
export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ' })
  name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Trung tâm Ứng dụng Tiến bộ KH&CN' })
  shortName: string | null;
}

/** A person as another record shows them beside their id. */
export class PersonRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Trần Hoài Phương' })
  fullName: string;
  @ApiProperty({ type: String, nullable: true, example: 'Phó Giám đốc Sở' })
  position: string | null;
}

/** An administrative unit as another record shows it: its code, name, level and province. */
export class AdminUnitRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '918' })
  code: string;
  @ApiProperty({ example: 'Quận Bình Thủy' })
  name: string;
  @ApiProperty({ enum: ADMIN_LEVELS })
  level: AdminLevel;
  /** The province it lies in (its own name for a province). */
  @ApiProperty({ type: String, nullable: true, example: 'Thành phố Cần Thơ' })
  provinceName: string | null;
}

type Ids = Iterable<string | null> | undefined;

function present(values: Ids): string[] {
  return [...new Set(values ?? [])].filter((id): id is string => id !== null);
}

/**
 * The names of the organisations, people and units some records point at, each kind in one query
 * however many records there are. Deleted ones are found too: a record keeps the name of what it
 * pointed at.
 */
export class RegistryRefs {
  private constructor(
    private readonly organisations: Map<string, OrganisationRefDto>,
    private readonly people: Map<string, PersonRefDto>,
    private readonly units: Map<string, AdminUnitRefDto>,
  ) {}

  static async load(
    manager: EntityManager,
    ids: { organisations?: Ids; people?: Ids; units?: Ids },
  ): Promise<RegistryRefs> {
    const organisationIds = present(ids.organisations);
    const personIds = present(ids.people);
    const unitIds = present(ids.units);
    // One after the other: inside a transaction the three would share one connection.
    const organisations =
      organisationIds.length === 0
        ? []
        : await manager.find(OrganisationEntity, {
            where: { id: In(organisationIds) },
            select: { id: true, name: true, shortName: true },
            withDeleted: true,
          });
    const people =
      personIds.length === 0
        ? []
        : await manager.find(PersonEntity, {
            where: { id: In(personIds) },
            select: { id: true, fullName: true, position: true },
            withDeleted: true,
          });
    const units =
      unitIds.length === 0
        ? []
        : await manager.query<
            {
              id: string;
              code: string;
              name: string;
              level: AdminLevel;
              province_name: string | null;
            }[]
          >(
            // A unit's province is itself or an ancestor: at most two steps up.
            `SELECT u.id, u.code, u.name, u.level,
                    CASE WHEN u.level = 'province' THEN u.name
                         WHEN p.level = 'province' THEN p.name
                         ELSE g.name END AS province_name
               FROM admin_unit u
               LEFT JOIN admin_unit p ON p.id = u.parent_id
               LEFT JOIN admin_unit g ON g.id = p.parent_id
              WHERE u.id = ANY($1::uuid[])`,
            [unitIds],
          );
    return new RegistryRefs(
      new Map(organisations.map((o) => [o.id, { id: o.id, name: o.name, shortName: o.shortName }])),
      new Map(people.map((p) => [p.id, { id: p.id, fullName: p.fullName, position: p.position }])),
      new Map(
        units.map((u) => [
          u.id,
          { id: u.id, code: u.code, name: u.name, level: u.level, provinceName: u.province_name },
        ]),
      ),
    );
  }

  /** Names a query has already joined (a hot path that loads a record and its names at once). */
  static of(refs: {
    organisations?: OrganisationRefDto[];
    people?: PersonRefDto[];
    units?: AdminUnitRefDto[];
  }): RegistryRefs {
    return new RegistryRefs(
      new Map((refs.organisations ?? []).map((o) => [o.id, o])),
      new Map((refs.people ?? []).map((p) => [p.id, p])),
      new Map((refs.units ?? []).map((u) => [u.id, u])),
    );
  }

  organisation(id: string): OrganisationRefDto;
  organisation(id: string | null): OrganisationRefDto | null;
  organisation(id: string | null): OrganisationRefDto | null {
    return id === null ? null : (this.organisations.get(id) ?? { id, name: '', shortName: null });
  }

  person(id: string | null): PersonRefDto | null {
    return id === null ? null : (this.people.get(id) ?? { id, fullName: '', position: null });
  }

  unit(id: string): AdminUnitRefDto;
  unit(id: string | null): AdminUnitRefDto | null;
  unit(id: string | null): AdminUnitRefDto | null {
    if (id === null) return null;
    return this.units.get(id) ?? { id, code: '', name: '', level: 'district', provinceName: null };
  }
}
