import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Allow,
  ANY_ROLE,
  ApiProblems,
  CurrentActor,
  IfMatchVersion,
  PageOf,
  uuidPipe,
} from '@app/platform';
import { CreatePersonDto, PersonDto, PersonQueryDto, UpdatePersonDto } from './dto/person.dto';
import { REGISTRY_EDITORS } from '../organisations/organisations.controller';
import { PeopleService } from './people.service';

@ApiTags('registry')
@Controller('api/v1/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'listPeople', summary: 'List people (contacts)' })
  @ApiOkResponse({ type: PageOf(PersonDto) })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: PersonQueryDto) {
    return this.people.list(actor, query);
  }

  @Get(':id')
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'getPerson', summary: 'One person' })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(400, 404)
  get(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<PersonDto> {
    return this.people.get(actor, id);
  }

  @Post()
  @Allow(REGISTRY_EDITORS, 'district')
  @ApiOperation({ operationId: 'createPerson', summary: 'Add a person' })
  @ApiCreatedResponse({ type: PersonDto })
  @ApiProblems(400, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreatePersonDto): Promise<PersonDto> {
    return this.people.create(actor, body);
  }

  @Patch(':id')
  @Allow(REGISTRY_EDITORS, 'district')
  @ApiOperation({ operationId: 'updatePerson', summary: 'Change a person' })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdatePersonDto,
  ): Promise<PersonDto> {
    return this.people.update(actor, id, version, body);
  }

  @Delete(':id')
  @Allow(REGISTRY_EDITORS, 'district')
  @ApiOperation({ operationId: 'deletePerson', summary: 'Delete (hide) a person' })
  @ApiOkResponse({ type: PersonDto, description: 'The deleted person; restore it with its ETag' })
  @ApiProblems(400, 404, 409, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<PersonDto> {
    return this.people.remove(actor, id, version);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Allow(REGISTRY_EDITORS, 'district')
  @ApiOperation({ operationId: 'restorePerson', summary: 'Bring back a deleted person' })
  @ApiOkResponse({ type: PersonDto })
  @ApiProblems(400, 404, 409, 412, 428)
  restore(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<PersonDto> {
    return this.people.restore(actor, id, version);
  }
}
