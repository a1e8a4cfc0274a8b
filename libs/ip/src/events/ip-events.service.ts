import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import {
  type Actor,
  ConflictError,
  DomainError,
  Page,
  paginate,
  RecordTransaction,
  RecordWriter,
  registerConstraintMessages,
  RequestValidationError,
  type Target,
  whereSearch,
} from '@app/platform';
import { IpRegistrationDetailDto } from '../registrations/dto/ip-registration.dto';
import { IP_REGISTRATION } from '../registrations/ip-registration.kind';
import { IpRegistrationEntity } from '../registrations/ip-registration.entity';
import { IpRegistrationsService } from '../registrations/ip-registrations.service';
import {
  applyEvent,
  checkEventFields,
  type IpEventFields,
  type IpLifecycleEvent,
  type IpState,
  replayEvents,
} from '../rules/ip-lifecycle';
import type { IpKind } from '../rules/ip-kinds';
import { CreateIpEventDto, IP_EVENT_SORT, IpEventDto, IpEventQueryDto } from './dto/ip-event.dto';
import { IP_EVENT } from './ip-event.kind';
import { loadHistory, toIpEventDtos, voidedByOf } from './ip-event.mapper';
import { IpEventEntity } from './ip-event.entity';

registerConstraintMessages({
  uq_ip_event_voids: 'This event is already voided',
  uq_ip_event_sequence: 'Another event was recorded at the same time; read the registration again',
});

/** The events that count: lifecycle events no `voided` event points at, in the order recorded. */
function liveEvents(history: readonly IpEventEntity[]): IpLifecycleEvent[] {
  const voided = voidedByOf(history);
  return history
    .filter((e) => e.type !== 'voided' && !voided.has(e.id))
    .map((e) => ({
      type: e.type as IpLifecycleEvent['type'],
      date: e.date,
      applicationNumber: e.applicationNumber,
      certificateNumber: e.certificateNumber,
    }));
}

/**
 * A registration's dated events, the only way its status, numbers and dates change. Each new
 * event locks the registration, is checked against the status machine of `ip-lifecycle.ts` on the
 * live history, and the registration is recomputed from that history in the same transaction
 * (audited under the event's type). A `voided` event takes a mistaken one out of the history,
 * provided what remains still holds.
 */
@Injectable()
export class IpEventsService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly registrations: IpRegistrationsService,
  ) {}

  async list(
    actor: Actor,
    registrationId: string,
    query: IpEventQueryDto,
  ): Promise<Page<IpEventDto>> {
    await this.writer.find(actor, IP_REGISTRATION, registrationId);
    const qb = this.writer
      .query(actor, IP_EVENT)
      .andWhere('r.registrationId = :registrationId', { registrationId });
    if (query.type) qb.andWhere('r.type = :type', { type: query.type });
    whereSearch(qb, query.q, {
      key: `f_search_key(concat_ws(' ', r.reference, r.note, r.reason, r.application_number, r.certificate_number))`,
    });
    const page = await paginate(qb, query, IP_EVENT_SORT);
    return { ...page, items: await toIpEventDtos(this.writer.context().manager, page.items) };
  }

  async get(target: Target, registrationId: string): Promise<IpEventDto> {
    const event = await this.writer.findChild(target, IP_EVENT, registrationId);
    return (await toIpEventDtos(this.writer.context().manager, [event]))[0];
  }

  /**
   * Records an event at the registration's version when If-Match is sent: 400 for a missing or
   * foreign field, a date before the latest event's or after today, a malformed number; 409 for
   * an event the status does not allow, a number another registration holds, or a void that
   * would leave a history that does not hold. Answers the registration as it now stands.
   */
  async record(
    { actor, id, ifMatch }: Target,
    body: CreateIpEventDto,
  ): Promise<IpRegistrationDetailDto> {
    const { type, ...fields } = body;
    checkEventFields(type, fields);
    return this.writer.run(actor, async (tx) => {
      const registration = await tx.lock(IP_REGISTRATION, id, { ifMatch });
      const history = await loadHistory(tx.manager, id);
      const today = tx.context.today;
      const date = fields.date ?? today;
      const next =
        type === 'voided'
          ? this.afterVoid(registration.kind, history, fields, date, today)
          : this.afterEvent(registration, history, { type, ...fields }, today);
      await assertNumbersFree(tx, registration, next);
      await tx.insert(
        IP_EVENT,
        tx.manager.create(IpEventEntity, {
          registrationId: id,
          sequence: history.length + 1,
          type,
          date,
          applicationNumber: fields.applicationNumber ?? null,
          certificateNumber: fields.certificateNumber ?? null,
          reference: fields.reference ?? null,
          note: fields.note ?? null,
          voidsEventId: fields.voidsEventId ?? null,
          reason: fields.reason ?? null,
        }),
      );
      await tx.change(IP_REGISTRATION, registration, (r) => Object.assign(r, next), {
        action: type,
      });
      return this.registrations.detail(tx.context, registration);
    });
  }

  private afterEvent(
    registration: IpRegistrationEntity,
    history: readonly IpEventEntity[],
    event: IpLifecycleEvent,
    today: string,
  ): IpState {
    const state = replayEvents(registration.kind, liveEvents(history));
    const next = applyEvent(registration.kind, state, event, { today });
    if (event.type === 'filed' && registration.ownerOrganisationId === null) {
      throw new ConflictError(
        `Name the owner of “${registration.name}” (ownerOrganisationId) before recording its filing: the owner is the applicant`,
      );
    }
    return next;
  }

  /** The state without the voided event; 409 when the history left would not hold. */
  private afterVoid(
    kind: IpKind,
    history: readonly IpEventEntity[],
    fields: IpEventFields,
    date: string,
    today: string,
  ): IpState {
    const target = history.find((e) => e.id === fields.voidsEventId);
    if (!target) {
      throw RequestValidationError.field('voidsEventId', 'is not an event of this registration');
    }
    if (target.type === 'voided') {
      throw RequestValidationError.field(
        'voidsEventId',
        'is a correction itself: record the event it voided again instead',
      );
    }
    const voider = voidedByOf(history).get(target.id);
    if (voider !== undefined) {
      throw new ConflictError(
        `The “${target.type}” event of ${target.date} is already voided (by event ${voider})`,
      );
    }
    if (date > today) {
      throw RequestValidationError.field(
        'date',
        `is after today (${today} in Viet Nam): a correction is dated the day it is made`,
      );
    }
    const remaining = history.filter((e) => e.id !== target.id);
    try {
      return replayEvents(kind, liveEvents(remaining));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new ConflictError(
        `Voiding the “${target.type}” event of ${target.date} would leave a history that does not hold (${error.message}); void the later events first`,
      );
    }
  }
}

/**
 * An application number, or a certificate number, belongs to one live registration: 409 naming
 * it, and naming the registration that holds it when the caller may see that one.
 */
async function assertNumbersFree(
  tx: RecordTransaction,
  registration: IpRegistrationEntity,
  next: IpState,
): Promise<void> {
  const numbers = [
    ['application number', 'applicationNumber', next.applicationNumber],
    ['certificate number', 'certificateNumber', next.certificateNumber],
  ] as const;
  for (const [label, column, value] of numbers) {
    if (value === null || value === registration[column]) continue;
    const holder = await tx.manager.findOne(IpRegistrationEntity, {
      where: { [column]: value, id: Not(registration.id) },
      select: { id: true },
    });
    if (!holder) continue;
    const visible = await tx.find(IP_REGISTRATION, holder.id).catch(() => null);
    throw new ConflictError(
      `The ${label} ${value} is already recorded on ${
        visible ? `“${visible.name}” (${visible.id})` : 'another registration'
      }`,
    );
  }
}
