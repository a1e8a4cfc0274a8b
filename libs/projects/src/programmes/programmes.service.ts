import { Injectable } from '@nestjs/common';
import {
  type Actor,
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
import { OrganisationsService } from '@app/registry';
import {
  CreateProgrammeDto,
  PROGRAMME_SORT,
  ProgrammeDto,
  ProgrammeQueryDto,
  UpdateProgrammeDto,
} from './dto/programme.dto';
import { PROGRAMME } from './programme.kind';
import { toProgrammeDtos } from './programme.mapper';
import { ProgrammeEntity } from './programme.entity';

registerConstraintMessages({
  uq_programme_code: 'Another programme already has this code',
  ck_programme_years: 'endYear must not be before startYear',
});

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(actor: Actor, query: ProgrammeQueryDto): Promise<Page<ProgrammeDto>> {
    const qb = this.writer.query(actor, PROGRAMME, query);
    if (query.ownerOrganisationId) {
      qb.andWhere('r.ownerOrganisationId = :owner', { owner: query.ownerOrganisationId });
    }
    if (query.year !== undefined) {
      qb.andWhere(':year BETWEEN r.startYear AND r.endYear', { year: query.year });
    }
    whereSearch(qb, query.q, { text: 'r.name' });
    const page = await paginate(qb, query, PROGRAMME_SORT);
    return { ...page, items: await toProgrammeDtos(this.writer.context().manager, page.items) };
  }

  get(actor: Actor, id: string): Promise<ProgrammeDto> {
    return this.writer.get(actor, PROGRAMME, id);
  }

  async create(actor: Actor, body: CreateProgrammeDto): Promise<ProgrammeDto> {
    assertYears(body.startYear, body.endYear);
    return this.writer.create(actor, PROGRAMME, async (tx) => {
      await this.organisations.requireOrganisation(
        tx,
        body.ownerOrganisationId,
        'ownerOrganisationId',
      );
      return tx.manager.create(ProgrammeEntity, {
        code: body.code,
        name: body.name,
        ownerOrganisationId: body.ownerOrganisationId,
        startYear: body.startYear,
        endYear: body.endYear,
        description: body.description ?? null,
      });
    });
  }

  async update(target: Target, body: UpdateProgrammeDto): Promise<ProgrammeDto> {
    rejectNulls(body, ['code', 'name', 'ownerOrganisationId', 'startYear', 'endYear']);
    const changes = sentFields(body);
    return this.writer.change(target, PROGRAMME, async (programme, tx) => {
      assertYears(changes.startYear ?? programme.startYear, changes.endYear ?? programme.endYear);
      if (changes.ownerOrganisationId) {
        await this.organisations.requireOrganisation(
          tx,
          changes.ownerOrganisationId,
          'ownerOrganisationId',
        );
      }
      Object.assign(programme, changes);
    });
  }

  remove(target: Target): Promise<ProgrammeDto> {
    return this.writer.remove(target, PROGRAMME);
  }

  restore(target: Target): Promise<ProgrammeDto> {
    return this.writer.restore(target, PROGRAMME);
  }

  /** A programme another record belongs to (an IP registration, a project); 400 naming the field. */
  requireProgramme(tx: RecordTransaction, id: string, field: string): Promise<ProgrammeEntity> {
    return tx.reference(PROGRAMME, id, field);
  }
}

function assertYears(startYear: number, endYear: number): void {
  if (endYear < startYear) {
    throw RequestValidationError.field(
      'endYear',
      `must not be before startYear (${startYear}); got ${endYear}`,
    );
  }
}
