import { Body, Query } from '@nestjs/common';
import {
  type Actor,
  ANY_ROLE,
  ApiResource,
  CreateRoute,
  CurrentActor,
  DeleteRoute,
  GetRoute,
  IdParam,
  ListRoute,
  RequestTarget,
  RestoreRoute,
  type Target,
  UpdateRoute,
} from '@app/platform';
import { REGISTRY_EDITORS } from '../organisations/organisations.controller';
import { CreatePersonDto, PersonDto, PersonQueryDto, UpdatePersonDto } from './dto/person.dto';
import { PERSON } from './person.kind';
import { PeopleService } from './people.service';

const READ = { roles: ANY_ROLE, scope: ['district'], kind: PERSON } as const;
const WRITE = { ...READ, roles: REGISTRY_EDITORS, response: PersonDto };

@ApiResource('api/v1/people', 'registry')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List people (contacts)',
    item: PersonDto,
    deletedFor: REGISTRY_EDITORS,
  })
  listPeople(@CurrentActor() actor: Actor, @Query() query: PersonQueryDto) {
    return this.people.list(actor, query);
  }

  @GetRoute(':id', { ...READ, summary: 'One person', response: PersonDto })
  getPerson(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.people.get(actor, id);
  }

  @CreateRoute('', { ...WRITE, summary: 'Add a person' })
  createPerson(@CurrentActor() actor: Actor, @Body() body: CreatePersonDto) {
    return this.people.create(actor, body);
  }

  @UpdateRoute(':id', { ...WRITE, summary: 'Change a person' })
  updatePerson(@RequestTarget() target: Target, @Body() body: UpdatePersonDto) {
    return this.people.update(target, body);
  }

  @DeleteRoute(':id', { ...WRITE, summary: 'Delete (hide) a person' })
  deletePerson(@RequestTarget() target: Target) {
    return this.people.remove(target);
  }

  @RestoreRoute(':id/restore', { ...WRITE, summary: 'Bring back a deleted person' })
  restorePerson(@RequestTarget() target: Target) {
    return this.people.restore(target);
  }
}
