export * from './projects.module';
export * from './programmes/programme.entity';
export * from './programmes/programme.kind';
export * from './programmes/programme.mapper';
export * from './programmes/programmes.service';
export * from './programmes/dto/programme.dto';

import { ProgrammeEntity } from './programmes/programme.entity';

export const PROJECTS_ENTITIES = [ProgrammeEntity];
