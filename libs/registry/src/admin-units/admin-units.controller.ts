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
import { AdminUnitsService } from './admin-units.service';
import {
  AdminUnitDto,
  AdminUnitQueryDto,
  CreateAdminUnitDto,
  UpdateAdminUnitDto,
} from './dto/admin-unit.dto';

@ApiTags('registry')
@Controller('api/v1/admin-units')
export class AdminUnitsController {
  constructor(private readonly units: AdminUnitsService) {}

  @Get()
  @Allow(ANY_ROLE)
  @ApiOperation({
    operationId: 'listAdminUnits',
    summary: 'List administrative units (validOn= for the units in force on a date)',
  })
  @ApiOkResponse({ type: PageOf(AdminUnitDto) })
  @ApiProblems(400)
  list(@Query() query: AdminUnitQueryDto) {
    return this.units.list(query);
  }

  @Get(':id')
  @Allow(ANY_ROLE)
  @ApiOperation({
    operationId: 'getAdminUnit',
    summary: 'One administrative unit with its successors',
  })
  @ApiOkResponse({ type: AdminUnitDto })
  @ApiProblems(400, 404)
  get(@Param('id', uuidPipe('id')) id: string): Promise<AdminUnitDto> {
    return this.units.get(id);
  }

  @Post()
  @Allow(['admin'])
  @ApiOperation({ operationId: 'createAdminUnit', summary: 'Add an administrative unit' })
  @ApiCreatedResponse({ type: AdminUnitDto })
  @ApiProblems(400, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateAdminUnitDto): Promise<AdminUnitDto> {
    return this.units.create(actor, body);
  }

  @Patch(':id')
  @Allow(['admin'])
  @ApiOperation({ operationId: 'updateAdminUnit', summary: 'Change an administrative unit' })
  @ApiOkResponse({ type: AdminUnitDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateAdminUnitDto,
  ): Promise<AdminUnitDto> {
    return this.units.update(actor, id, version, body);
  }

  @Delete(':id')
  @Allow(['admin'])
  @ApiOperation({ operationId: 'deleteAdminUnit', summary: 'Delete (hide) an administrative unit' })
  @ApiOkResponse({ type: AdminUnitDto, description: 'The deleted unit; restore it with its ETag' })
  @ApiProblems(400, 404, 409, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<AdminUnitDto> {
    return this.units.remove(actor, id, version);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Allow(['admin'])
  @ApiOperation({
    operationId: 'restoreAdminUnit',
    summary: 'Bring back a deleted administrative unit',
  })
  @ApiOkResponse({ type: AdminUnitDto })
  @ApiProblems(400, 404, 409, 412, 428)
  restore(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<AdminUnitDto> {
    return this.units.restore(actor, id, version);
  }
}
