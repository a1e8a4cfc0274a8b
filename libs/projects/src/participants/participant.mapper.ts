import type { EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import { RegistryRefs } from '@app/registry';
import type { ProjectParticipantDto } from './dto/participant.dto';
import type { ProjectParticipantEntity } from './participant.entity';
import { participantActionsFrom } from './participant-status';

export function toParticipantDto(
  p: ProjectParticipantEntity,
  refs: RegistryRefs,
): ProjectParticipantDto {
  return Object.assign(recordFields(p), {
    projectId: p.projectId,
    kind: p.kind,
    name: p.name,
    adminUnitId: p.adminUnitId,
    adminUnit: refs.unit(p.adminUnitId),
    areaM2: p.areaM2,
    contact: p.contact,
    note: p.note,
    status: p.status,
    selectedByOrganisationId: p.selectedByOrganisationId,
    selectedByOrganisation: refs.organisation(p.selectedByOrganisationId),
    selectedOn: p.selectedOn,
    withdrawReason: p.withdrawReason,
    statusNote: p.statusNote,
    allowedActions: participantActionsFrom(p.status),
  });
}

/** Participants as shown, their wards and selecting organisations named in one query each. */
export async function toParticipantDtos(
  manager: EntityManager,
  participants: ProjectParticipantEntity[],
): Promise<ProjectParticipantDto[]> {
  const refs = await RegistryRefs.load(manager, {
    units: participants.map((p) => p.adminUnitId),
    organisations: participants.map((p) => p.selectedByOrganisationId),
  });
  return participants.map((p) => toParticipantDto(p, refs));
}
