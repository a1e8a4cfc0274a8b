import { Body, Query } from '@nestjs/common';
import {
  type Actor,
  ANY_ROLE,
  ApiResource,
  CreateRoute,
  CurrentActor,
  DeleteRoute,
  DEPARTMENT,
  GetRoute,
  IdParam,
  ListRoute,
  RequestTarget,
  RestoreRoute,
  type Target,
  UpdateRoute,
} from '@app/platform';
import {
  CreateProgrammeDto,
  ProgrammeDto,
  ProgrammeQueryDto,
  UpdateProgrammeDto,
} from './dto/programme.dto';
import { ProgrammesService } from './programmes.service';

/** Every role reads programmes; the Department keeps them. */
const WRITE = { roles: DEPARTMENT, response: ProgrammeDto };

@ApiResource('api/v1/programmes', 'programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @ListRoute('', {
    roles: ANY_ROLE,
    summary: 'List programmes (year= for those running that year)',
    item: ProgrammeDto,
    deletedFor: DEPARTMENT,
  })
  listProgrammes(@CurrentActor() actor: Actor, @Query() query: ProgrammeQueryDto) {
    return this.programmes.list(actor, query);
  }

  @GetRoute(':id', { roles: ANY_ROLE, summary: 'One programme', response: ProgrammeDto })
  getProgramme(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.programmes.get(actor, id);
  }

  @CreateRoute('', { ...WRITE, summary: 'Add a programme' })
  createProgramme(@CurrentActor() actor: Actor, @Body() body: CreateProgrammeDto) {
    return this.programmes.create(actor, body);
  }

  @UpdateRoute(':id', { ...WRITE, summary: 'Change a programme' })
  updateProgramme(@RequestTarget() target: Target, @Body() body: UpdateProgrammeDto) {
    return this.programmes.update(target, body);
  }

  @DeleteRoute(':id', { ...WRITE, summary: 'Delete (hide) a programme' })
  deleteProgramme(@RequestTarget() target: Target) {
    return this.programmes.remove(target);
  }

  @RestoreRoute(':id/restore', { ...WRITE, summary: 'Bring back a deleted programme' })
  restoreProgramme(@RequestTarget() target: Target) {
    return this.programmes.restore(target);
  }
}
