import { Module } from '@nestjs/common';
import { registerRecordKind } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { ParticipantsController } from './participants/participants.controller';
import { ParticipantsService } from './participants/participants.service';
import { PROGRAMME } from './programmes/programme.kind';
import { ProgrammesController } from './programmes/programmes.controller';
import { ProgrammesService } from './programmes/programmes.service';
import { PROJECT } from './projects/project.kind';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsService } from './projects/projects.service';

registerRecordKind(PROGRAMME);
// Tasks may name a project as their subject (`subjectType: project`).
registerRecordKind(PROJECT);

/**
 * Programmes and the projects they fund, with their participants and indicators. A project's
 * view lists the tasks about it through the `FollowUpTasks` port (provided by the tasks module).
 */
@Module({
  imports: [RegistryModule],
  controllers: [
    ProgrammesController,
    ProjectsController,
    ParticipantsController,
    IndicatorsController,
  ],
  providers: [ProgrammesService, ProjectsService, ParticipantsService, IndicatorsService],
  exports: [ProgrammesService, ProjectsService, ParticipantsService, IndicatorsService],
})
export class ProjectsModule {}
