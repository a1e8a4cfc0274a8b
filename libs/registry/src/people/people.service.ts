import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  districtOf,
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
import { OrganisationsService } from '../organisations/organisations.service';
import { CreatePersonDto, PersonDto, PersonQueryDto, UpdatePersonDto } from './dto/person.dto';
import { PersonEntity } from './person.entity';

const SORT = { fullName: 'r.fullName', createdAt: 'r.createdAt' };

export function toPersonDto(p: PersonEntity): PersonDto {
  return {
    ...recordFields(p),
    fullName: p.fullName,
    position: p.position,
    organisationId: p.organisationId,
    email: p.email,
    phone: p.phone,
  };
}

/** A person is in a district officer's scope through their organisation's admin unit. */
export const PERSON: RecordKind<PersonEntity, PersonDto> = {
  entityType: 'person',
  label: 'Person',
  entity: PersonEntity,
  toDto: toPersonDto,
  scope: (qb, actor) =>
    whereInDistrict(
      qb,
      '(SELECT so.admin_unit_id FROM organisation so WHERE so.id = r.organisation_id)',
      actor,
    ),
};

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(actor: Actor, query: PersonQueryDto): Promise<Page<PersonDto>> {
    const qb = this.dataSource.getRepository(PersonEntity).createQueryBuilder('r');
    PERSON.scope!(qb, actor);
    if (query.deleted) qb.withDeleted().andWhere('r.deletedAt IS NOT NULL');
    if (query.organisationId) {
      qb.andWhere('r.organisationId = :organisationId', { organisationId: query.organisationId });
    }
    whereSearch(qb, query.q);
    const page = await paginate(qb, query, SORT, 'fullName');
    return { ...page, items: page.items.map(toPersonDto) };
  }

  async get(actor: Actor, id: string): Promise<PersonDto> {
    return toPersonDto(await this.writer.find(this.dataSource.manager, PERSON, actor, id));
  }

  async create(actor: Actor | null, body: CreatePersonDto): Promise<PersonDto> {
    return this.writer.create(actor, PERSON, async (manager) => {
      await this.assertOrganisation(manager, actor, body.organisationId ?? null);
      return manager.create(PersonEntity, {
        fullName: body.fullName,
        position: body.position ?? null,
        organisationId: body.organisationId ?? null,
        email: body.email ?? null,
        phone: body.phone ?? null,
      });
    });
  }

  async update(
    actor: Actor,
    id: string,
    version: number,
    body: UpdatePersonDto,
  ): Promise<PersonDto> {
    rejectNulls(body, ['fullName']);
    const changes = sentFields(body);
    return this.writer.change(actor, PERSON, id, { version }, async (person, manager) => {
      if (changes.organisationId !== undefined) {
        await this.assertOrganisation(manager, actor, changes.organisationId);
      }
      Object.assign(person, changes);
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<PersonDto> {
    return this.writer.remove(actor, PERSON, id, version);
  }

  async restore(actor: Actor, id: string, version: number): Promise<PersonDto> {
    return this.writer.restore(actor, PERSON, id, version);
  }

  /** A person another record refers to, visible to the caller; 400 naming the field otherwise. */
  async requirePerson(
    manager: EntityManager,
    actor: Actor | null,
    id: string,
    field: string,
  ): Promise<PersonEntity> {
    return this.writer.reference(manager, PERSON, actor, id, field);
  }

  private async assertOrganisation(
    manager: EntityManager,
    actor: Actor | null,
    organisationId: string | null,
  ) {
    if (organisationId) {
      await this.organisations.requireOrganisation(
        manager,
        actor,
        organisationId,
        'organisationId',
      );
    } else if (actor && districtOf(actor) !== undefined) {
      throw RequestValidationError.field(
        'organisationId',
        'is required: an organisation of your district',
      );
    }
  }
}
