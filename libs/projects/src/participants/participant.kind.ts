import type { RecordKind } from '@app/platform';
import { PROJECT } from '../projects/project.kind';
import { projectDistrictScope } from '../projects/project-scope';
import type { ProjectParticipantDto } from './dto/participant.dto';
import { toParticipantDtos } from './participant.mapper';
import { ProjectParticipantEntity } from './participant.entity';

/** A participant belongs to its project: it exists while the project does, in the project's scope. */
export const PROJECT_PARTICIPANT: RecordKind<ProjectParticipantEntity, ProjectParticipantDto> = {
  entityType: 'project_participant',
  label: 'Project participant',
  entity: ProjectParticipantEntity,
  async toDto(participant, { manager }) {
    return (await toParticipantDtos(manager, [participant]))[0];
  },
  toDtos: (participants, { manager }) => toParticipantDtos(manager, participants),
  scopes: {
    district: projectDistrictScope(
      'r.project_id',
      'projectId',
      'must be a project running in your district',
    ),
  },
  parent: { kind: PROJECT, property: 'projectId' },
  describe: (p) => p.name,
};
