import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  ConflictError,
  NotFoundError,
  Page,
  paginate,
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
  SessionParticipantDto,
  SessionParticipantQueryDto,
  UpdateSessionParticipantDto,
} from './dto/session-participant.dto';
import {
  participantsQuery,
  SESSION_PARTICIPANT,
  toJoinedParticipantDto,
} from './session-participant.mapper';
import { SessionParticipantEntity } from './session-participant.entity';

registerConstraintMessages({
  uq_session_participant_person: 'This person already takes part in the session',
  uq_session_participant_organisation: 'This organisation already takes part in the session',
  uq_session_participant_delegation_head:
    'The session already has a delegation head; give the current one another role first',
  ck_session_participant_party:
    'A participant is a person or an organisation: send exactly one of personId and organisationId',
});

const SORT = { createdAt: 'r.createdAt' };

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
    const manager = this.dataSource.manager;
    await this.sessions.findVisible(manager, actor, sessionId);
    const qb = participantsQuery(manager, sessionId);
    if (query.role) qb.andWhere('r.role = :role', { role: query.role });
    whereSearch(qb, query.q, `f_search_key(coalesce(person.fullName, organisation.name))`);
    const page = await paginate(qb, query, SORT, 'createdAt');
    return { ...page, items: page.items.map(toJoinedParticipantDto) };
  }

  async get(actor: Actor, sessionId: string, id: string): Promise<SessionParticipantDto> {
    const manager = this.dataSource.manager;
    const participant = await this.writer.find(manager, SESSION_PARTICIPANT, actor, id);
    assertOfSession(participant, sessionId);
    return SESSION_PARTICIPANT.toDto(participant, manager);
  }

  async create(
    actor: Actor | null,
    sessionId: string,
    body: CreateSessionParticipantDto,
  ): Promise<SessionParticipantDto> {
    return this.writer.create(actor, SESSION_PARTICIPANT, async (manager) => {
      await this.sessions.lockForChange(manager, actor, sessionId);
      const personId = body.personId ?? null;
      const organisationId = body.organisationId ?? null;
      await this.assertParty(manager, actor, personId, organisationId);
      return manager.create(SessionParticipantEntity, {
        sessionId,
        personId,
        organisationId,
        role: body.role,
        note: body.note ?? null,
      });
    });
  }

  async update(
    actor: Actor,
    sessionId: string,
    id: string,
    version: number,
    body: UpdateSessionParticipantDto,
  ): Promise<SessionParticipantDto> {
    rejectNulls(body, ['role']);
    const changes = sentFields(body);
    return this.writer.change(
      actor,
      SESSION_PARTICIPANT,
      id,
      { version },
      async (participant, manager) => {
        assertOfSession(participant, sessionId);
        await this.sessions.lockForChange(manager, actor, sessionId);
        const personId = changes.personId !== undefined ? changes.personId : participant.personId;
        const organisationId =
          changes.organisationId !== undefined
            ? changes.organisationId
            : participant.organisationId;
        if (changes.personId !== undefined || changes.organisationId !== undefined) {
          await this.assertParty(manager, actor, personId, organisationId);
        }
        Object.assign(participant, changes, { personId, organisationId });
      },
    );
  }

  async remove(
    actor: Actor,
    sessionId: string,
    id: string,
    version: number,
  ): Promise<SessionParticipantDto> {
    return this.writer.remove(
      actor,
      SESSION_PARTICIPANT,
      id,
      version,
      async (participant, manager) => {
        assertOfSession(participant, sessionId);
        await this.sessions.lockForChange(manager, actor, sessionId);
        const attributed = await manager.count(SessionRecordEntity, {
          where: { participantId: id },
        });
        if (attributed > 0) {
          throw new ConflictError(
            `${attributed} record(s) of the session are attributed to this participant; change or delete them first`,
          );
        }
      },
    );
  }

  /** Exactly one of a person and an organisation, which exists and the caller may see. */
  private async assertParty(
    manager: EntityManager,
    actor: Actor | null,
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
    if (personId) await this.people.requirePerson(manager, actor, personId, 'personId');
    if (organisationId) {
      await this.organisations.requireOrganisation(
        manager,
        actor,
        organisationId,
        'organisationId',
      );
    }
  }
}

/** A participant reached through another session's URL does not exist there. */
function assertOfSession(participant: SessionParticipantEntity, sessionId: string): void {
  if (participant.sessionId !== sessionId) throw new NotFoundError('Participant', participant.id);
}
