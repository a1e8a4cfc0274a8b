import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type Actor,
  ConflictError,
  type Target,
  Page,
  paginate,
  RecordTransaction,
  RecordWriter,
  registerConstraintMessages,
  rejectNulls,
  RequestValidationError,
  sentFields,
  whereSearch,
} from '@app/platform';
import { OrganisationsService, PeopleService } from '@app/registry';
import { SessionRecordEntity } from '../records/session-record.entity';
import { WorkingSessionsService } from '../working-sessions/working-sessions.service';
import {
  CreateSessionParticipantDto,
  SESSION_PARTICIPANT_SORT,
  SessionParticipantDto,
  SessionParticipantQueryDto,
  UpdateSessionParticipantDto,
} from './dto/session-participant.dto';
import { SESSION_PARTICIPANT } from './session-participant.kind';
import { participantsQuery, toJoinedParticipantDto } from './session-participant.mapper';
import { SessionParticipantEntity } from './session-participant.entity';

registerConstraintMessages({
  uq_session_participant_person: 'This person already takes part in the session',
  uq_session_participant_organisation: 'This organisation already takes part in the session',
  uq_session_participant_delegation_head:
    'The session already has a delegation head; give the current one another role first',
  ck_session_participant_party:
    'A participant is a person or an organisation: send exactly one of personId and organisationId',
});

/**
 * Who took part in a session. Every change locks the session first (a closed session's minutes
 * are read-only), then the participant.
 */
@Injectable()
export class SessionParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly sessions: WorkingSessionsService,
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleService,
  ) {}

  async list(
    actor: Actor,
    sessionId: string,
    query: SessionParticipantQueryDto,
  ): Promise<Page<SessionParticipantDto>> {
    await this.sessions.findVisible(actor, sessionId);
    const qb = participantsQuery(this.dataSource.manager, sessionId);
    if (query.role) qb.andWhere('r.role = :role', { role: query.role });
    whereSearch(qb, query.q, {
      key: `f_search_key(coalesce(person.fullName, organisation.name))`,
    });
    const page = await paginate(qb, query, SESSION_PARTICIPANT_SORT);
    return { ...page, items: page.items.map(toJoinedParticipantDto) };
  }

  async get(target: Target, sessionId: string): Promise<SessionParticipantDto> {
    const participant = await this.writer.findChild(target, SESSION_PARTICIPANT, sessionId);
    return SESSION_PARTICIPANT.toDto(participant, this.writer.context());
  }

  async create(
    actor: Actor,
    sessionId: string,
    body: CreateSessionParticipantDto,
  ): Promise<SessionParticipantDto> {
    return this.writer.create(actor, SESSION_PARTICIPANT, async (tx) => {
      await this.sessions.lockForChange(tx, sessionId);
      const personId = body.personId ?? null;
      const organisationId = body.organisationId ?? null;
      await this.assertParty(tx, personId, organisationId);
      return tx.manager.create(SessionParticipantEntity, {
        sessionId,
        personId,
        organisationId,
        role: body.role,
        note: body.note ?? null,
      });
    });
  }

  async update(
    target: Target,
    sessionId: string,
    body: UpdateSessionParticipantDto,
  ): Promise<SessionParticipantDto> {
    rejectNulls(body, ['role']);
    const changes = sentFields(body);
    return this.writer.run(target.actor, async (tx) => {
      const participant = await tx.lockChild(SESSION_PARTICIPANT, sessionId, target);
      const personId = changes.personId !== undefined ? changes.personId : participant.personId;
      const organisationId =
        changes.organisationId !== undefined ? changes.organisationId : participant.organisationId;
      if (changes.personId !== undefined || changes.organisationId !== undefined) {
        await this.assertParty(tx, personId, organisationId);
      }
      return tx.change(SESSION_PARTICIPANT, participant, (p) => {
        Object.assign(p, changes, { personId, organisationId });
      });
    });
  }

  async remove(target: Target, sessionId: string): Promise<SessionParticipantDto> {
    return this.writer.run(target.actor, async (tx) => {
      const participant = await tx.lockChild(SESSION_PARTICIPANT, sessionId, target);
      const attributed = await tx.manager.count(SessionRecordEntity, {
        where: { participantId: participant.id },
      });
      if (attributed > 0) {
        throw new ConflictError(
          `${attributed} record(s) of the session are attributed to this participant; change or delete them first`,
        );
      }
      return tx.remove(SESSION_PARTICIPANT, participant);
    });
  }

  /** Exactly one of a person and an organisation, which exists and the caller may see. */
  private async assertParty(
    tx: RecordTransaction,
    personId: string | null,
    organisationId: string | null,
  ): Promise<void> {
    if ((personId === null) === (organisationId === null)) {
      const message = 'send exactly one of personId and organisationId';
      throw new RequestValidationError([
        { field: 'personId', message },
        { field: 'organisationId', message },
      ]);
    }
    if (personId) await this.people.requirePerson(tx, personId, 'personId');
    if (organisationId) {
      await this.organisations.requireOrganisation(tx, organisationId, 'organisationId');
    }
  }
}
