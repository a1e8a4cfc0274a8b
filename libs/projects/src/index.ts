export * from './projects.module';
export * from './programmes/programme.entity';
export * from './programmes/programme.kind';
export * from './programmes/programme.mapper';
export * from './programmes/programmes.service';
export * from './programmes/dto/programme.dto';
export * from './projects/project.entity';
export * from './projects/project.kind';
export * from './projects/project-access';
export * from './projects/project-status';
export * from './projects/project-rules';
export * from './projects/projects.service';
export * from './projects/dto/project.dto';
export * from './participants/participant.entity';
export * from './participants/participant.kind';
export * from './participants/participant-status';
export * from './participants/participants.service';
export * from './participants/dto/participant.dto';
export * from './indicators/indicator.entity';
export * from './indicators/indicator.kind';
export * from './indicators/indicator-progress';
export * from './indicators/indicators.service';
export * from './indicators/dto/indicator.dto';

import { ProgrammeEntity } from './programmes/programme.entity';
import { ProjectIndicatorEntity } from './indicators/indicator.entity';
import { ProjectParticipantEntity } from './participants/participant.entity';
import {
  ProjectAdminUnitEntity,
  ProjectEntity,
  ProjectPartnerEntity,
} from './projects/project.entity';

export const PROJECTS_ENTITIES = [
  ProgrammeEntity,
  ProjectEntity,
  ProjectAdminUnitEntity,
  ProjectPartnerEntity,
  ProjectParticipantEntity,
  ProjectIndicatorEntity,
];
