import { Module } from '@nestjs/common';
import { registerRecordKind } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { PROGRAMME } from './programmes/programme.kind';
import { ProgrammesController } from './programmes/programmes.controller';
import { ProgrammesService } from './programmes/programmes.service';

registerRecordKind(PROGRAMME);

/** Programmes and the projects they fund, with their participants and indicators. */
@Module({
  imports: [RegistryModule],
  controllers: [ProgrammesController],
  providers: [ProgrammesService],
  exports: [ProgrammesService],
})
export class ProjectsModule {}
