import { In, type EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import type { IpEventDto } from './dto/ip-event.dto';
import { IpEventEntity } from './ip-event.entity';

export function toIpEventDto(e: IpEventEntity, voidedBy: string | null): IpEventDto {
  return Object.assign(recordFields(e), {
    registrationId: e.registrationId,
    sequence: e.sequence,
    type: e.type,
    date: e.date,
    applicationNumber: e.applicationNumber,
    certificateNumber: e.certificateNumber,
    reference: e.reference,
    note: e.note,
    voidsEventId: e.voidsEventId,
    reason: e.reason,
    voided: voidedBy !== null,
    voidedByEventId: voidedBy,
    recordedById: e.createdBy,
  });
}

/** Which event voids which, among a whole history. */
export function voidedByOf(history: readonly IpEventEntity[]): Map<string, string> {
  return new Map(
    history.filter((e) => e.voidsEventId !== null).map((e) => [e.voidsEventId!, e.id]),
  );
}

/** A registration's whole history in the order recorded, voided events and voids included. */
export function loadHistory(manager: EntityManager, registrationId: string) {
  return manager.find(IpEventEntity, {
    where: { registrationId },
    order: { sequence: 'ASC' },
  });
}

/** Some events as shown, whether each is voided found in one query. */
export async function toIpEventDtos(
  manager: EntityManager,
  events: IpEventEntity[],
): Promise<IpEventDto[]> {
  const voids =
    events.length === 0
      ? []
      : await manager.find(IpEventEntity, {
          where: { voidsEventId: In(events.map((e) => e.id)) },
          select: { id: true, voidsEventId: true },
        });
  const voidedBy = voidedByOf(voids);
  return events.map((e) => toIpEventDto(e, voidedBy.get(e.id) ?? null));
}
