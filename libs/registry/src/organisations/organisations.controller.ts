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
  type Role,
  uuidPipe,
} from '@app/platform';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

/** Who keeps the contacts directory: the Department, and district officers for their district. */
export const REGISTRY_EDITORS: readonly Role[] = ['admin', 'department_staff', 'district_officer'];

@ApiTags('registry')
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'listOrganisations', summary: 'List organisations' })
  @ApiOkResponse({ type: PageOf(OrganisationDto) })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: OrganisationQueryDto) {
    return this.organisations.list(actor, query);
  }

  @Get(':id')
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'getOrganisation', summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems(400, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
  ): Promise<OrganisationDto> {
    return this.organisations.get(actor, id);
  }

  @Post()
  @Allow(REGISTRY_EDITORS, 'district')
  @ApiOperation({ operationId: 'createOrganisation', summary: 'Add an organisation' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiProblems(400, 409)
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.create(actor, body);
  }

  @Patch(':id')
  @Allow(REGISTRY_EDITORS, 'district')
  @ApiOperation({ operationId: 'updateOrganisation', summary: 'Change an organisation' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.update(actor, id, version, body);
  }

  @Delete(':id')
  @Allow(REGISTRY_EDITORS, 'district')
  @ApiOperation({ operationId: 'deleteOrganisation', summary: 'Delete (hide) an organisation' })
  @ApiOkResponse({
    type: OrganisationDto,
    description: 'The deleted organisation; restore it with its ETag',
  })
  @ApiProblems(400, 404, 409, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<OrganisationDto> {
    return this.organisations.remove(actor, id, version);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Allow(REGISTRY_EDITORS, 'district')
  @ApiOperation({
    operationId: 'restoreOrganisation',
    summary: 'Bring back a deleted organisation',
  })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiProblems(400, 404, 409, 412, 428)
  restore(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<OrganisationDto> {
    return this.organisations.restore(actor, id, version);
  }
}
