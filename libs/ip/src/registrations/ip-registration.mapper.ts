import { In, type EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import { ProgrammeEntity } from '@app/projects';
import { RegistryRefs } from '@app/registry';
import { isExaminationOverdue, isRenewalDue } from '../rules/ip-dates';
import { allowedEvents, type IpEventType, isInForce } from '../rules/ip-lifecycle';
import type { IpRegistrationDto, ProgrammeRefDto } from './dto/ip-registration.dto';
import type { IpRegistrationEntity } from './ip-registration.entity';

/** The names a page of registrations shows beside its ids. */
export interface IpRegistrationNames {
  registry: RegistryRefs;
  programmes: Map<string, ProgrammeRefDto>;
}

export async function loadIpRegistrationNames(
  manager: EntityManager,
  registrations: readonly IpRegistrationEntity[],
): Promise<IpRegistrationNames> {
  const registry = await RegistryRefs.load(manager, {
    organisations: registrations.flatMap((r) => [
      r.ownerOrganisationId,
      r.supportingOrganisationId,
    ]),
    units: registrations.map((r) => r.adminUnitId),
  });
  const programmeIds = [
    ...new Set(registrations.map((r) => r.programmeId).filter((id) => id !== null)),
  ];
  // Deleted programmes too: a registration keeps the name of what it pointed at.
  const programmes =
    programmeIds.length === 0
      ? []
      : await manager.find(ProgrammeEntity, {
          where: { id: In(programmeIds) },
          select: { id: true, code: true, name: true },
          withDeleted: true,
        });
  return {
    registry,
    programmes: new Map(programmes.map((p) => [p.id, { id: p.id, code: p.code, name: p.name }])),
  };
}

/** The events a registration may record next; `voided` once it has a live event to correct. */
export function nextEvents(r: IpRegistrationEntity): IpEventType[] {
  const next: IpEventType[] = allowedEvents(r.kind, r.status);
  // Every lifecycle event leaves `preparing` and none returns to it: a registration that is not
  // preparing has a live event.
  return r.status === 'preparing' ? next : [...next, 'voided'];
}

export function toIpRegistrationDto(
  r: IpRegistrationEntity,
  names: IpRegistrationNames,
  today: string,
): IpRegistrationDto {
  const programme = r.programmeId === null ? null : names.programmes.get(r.programmeId);
  return Object.assign(recordFields(r), {
    kind: r.kind,
    name: r.name,
    product: r.product,
    niceClasses: r.niceClasses,
    ownerOrganisationId: r.ownerOrganisationId,
    ownerOrganisation: names.registry.organisation(r.ownerOrganisationId),
    adminUnitId: r.adminUnitId,
    adminUnit: names.registry.unit(r.adminUnitId),
    supportingOrganisationId: r.supportingOrganisationId,
    supportingOrganisation: names.registry.organisation(r.supportingOrganisationId),
    programmeId: r.programmeId,
    programme:
      r.programmeId === null ? null : (programme ?? { id: r.programmeId, code: '', name: '' }),
    supportYear: r.supportYear,
    notes: r.notes,
    status: r.status,
    statusSince: r.statusSince,
    applicationNumber: r.applicationNumber,
    filingDate: r.filingDate,
    acceptedOn: r.acceptedOn,
    publishedOn: r.publishedOn,
    certificateNumber: r.certificateNumber,
    grantDate: r.grantDate,
    expiresOn: r.expiresOn,
    renewalCount: r.renewalCount,
    renewalOpensOn: r.renewalOpensOn,
    renewalClosesOn: r.renewalClosesOn,
    renewalDue: isRenewalDue(
      { opensOn: r.renewalOpensOn, closesOn: r.renewalClosesOn },
      isInForce(r.status),
      today,
    ),
    examinationStage: r.examinationStage,
    examinationDueOn: r.examinationDueOn,
    examinationOverdue: isExaminationOverdue(r.examinationDueOn, today),
    allowedEvents: nextEvents(r),
  });
}

/** Registrations as shown, their names loaded in a fixed number of queries. */
export async function toIpRegistrationDtos(
  manager: EntityManager,
  registrations: IpRegistrationEntity[],
  today: string,
): Promise<IpRegistrationDto[]> {
  const names = await loadIpRegistrationNames(manager, registrations);
  return registrations.map((r) => toIpRegistrationDto(r, names, today));
}
