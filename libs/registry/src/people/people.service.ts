import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type Target,
  ConflictError,
  Page,
  paginate,
  RecordTransaction,
  RecordWriter,
  rejectNulls,
  sentFields,
  whereSearch,
} from '@app/platform';
import { OrganisationsService } from '../organisations/organisations.service';
import {
  CreatePersonDto,
  PERSON_SORT,
  PersonDto,
  PersonQueryDto,
  UpdatePersonDto,
} from './dto/person.dto';
import { PERSON } from './person.kind';
import { toPersonDto } from './person.mapper';
import { PersonEntity } from './person.entity';

/**
 * A second person of the same name in the same organisation is most often the first one typed
 * again: refused (409) unless the caller confirms it is a different one (namesakes exist).
 */
async function assertDistinctName(
  tx: RecordTransaction,
  fullName: string,
  organisationId: string | null,
  confirmed: boolean | undefined,
  selfId?: string,
): Promise<void> {
  if (confirmed) return;
  const twin = await tx.manager
    .createQueryBuilder(PersonEntity, 'p')
    .where('lower(p.fullName) = lower(:fullName)', { fullName })
    .andWhere('p.organisationId IS NOT DISTINCT FROM :organisationId', { organisationId })
    .andWhere('p.id <> :selfId', { selfId: selfId ?? '00000000-0000-0000-0000-000000000000' })
    .getOne();
  if (twin) {
    throw new ConflictError(
      `${twin.fullName} already belongs to this organisation (id ${twin.id}); send confirmDistinct: true if this is a namesake`,
    );
  }
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(actor: Actor, query: PersonQueryDto): Promise<Page<PersonDto>> {
    const qb = this.writer.query(actor, PERSON, query);
    if (query.organisationId) {
      qb.andWhere('r.organisationId = :organisationId', { organisationId: query.organisationId });
    }
    whereSearch(qb, query.q, { text: 'r.fullName' });
    const page = await paginate(qb, query, PERSON_SORT);
    return { ...page, items: page.items.map(toPersonDto) };
  }

  get(actor: Actor, id: string): Promise<PersonDto> {
    return this.writer.get(actor, PERSON, id);
  }

  async create(actor: Actor, body: CreatePersonDto): Promise<PersonDto> {
    return this.writer.create(actor, PERSON, async (tx) => {
      const organisationId = body.organisationId ?? null;
      if (organisationId)
        await this.organisations.requireOrganisation(tx, organisationId, 'organisationId');
      await assertDistinctName(tx, body.fullName, organisationId, body.confirmDistinct);
      return tx.manager.create(PersonEntity, {
        fullName: body.fullName,
        position: body.position ?? null,
        organisationId,
        email: body.email ?? null,
        phone: body.phone ?? null,
      });
    });
  }

  async update(target: Target, body: UpdatePersonDto): Promise<PersonDto> {
    rejectNulls(body, ['fullName']);
    const { confirmDistinct, ...changes } = sentFields(body);
    return this.writer.change(target, PERSON, async (person, tx) => {
      if (changes.organisationId) {
        await this.organisations.requireOrganisation(tx, changes.organisationId, 'organisationId');
      }
      if (changes.fullName !== undefined || changes.organisationId !== undefined) {
        const organisationId =
          changes.organisationId !== undefined ? changes.organisationId : person.organisationId;
        await assertDistinctName(
          tx,
          changes.fullName ?? person.fullName,
          organisationId ?? null,
          confirmDistinct,
          person.id,
        );
      }
      Object.assign(person, changes);
    });
  }

  remove(target: Target): Promise<PersonDto> {
    return this.writer.remove(target, PERSON);
  }

  restore(target: Target): Promise<PersonDto> {
    return this.writer.restore(target, PERSON);
  }

  /** A person another record refers to, visible to the caller; 400 naming the field otherwise. */
  requirePerson(tx: RecordTransaction, id: string, field: string): Promise<PersonEntity> {
    return tx.reference(PERSON, id, field);
  }
}
