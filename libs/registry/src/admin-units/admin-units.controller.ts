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
import { AdminUnitsService } from './admin-units.service';
import {
  AdminUnitDto,
  AdminUnitQueryDto,
  CreateAdminUnitDto,
  UpdateAdminUnitDto,
} from './dto/admin-unit.dto';

/** Reference data: everyone reads it; only the administrator keeps it. */
const ADMIN = { roles: ['admin'], response: AdminUnitDto } as const;

@ApiResource('api/v1/admin-units', 'registry')
export class AdminUnitsController {
  constructor(private readonly units: AdminUnitsService) {}

  @ListRoute('', {
    roles: ANY_ROLE,
    summary: 'List administrative units (validOn= for the units in force on a date)',
    item: AdminUnitDto,
    deletedFor: ['admin'],
  })
  listAdminUnits(@CurrentActor() actor: Actor, @Query() query: AdminUnitQueryDto) {
    return this.units.list(actor, query);
  }

  @GetRoute(':id', {
    roles: ANY_ROLE,
    summary: 'One administrative unit with its successors',
    response: AdminUnitDto,
  })
  getAdminUnit(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.units.get(actor, id);
  }

  @CreateRoute('', { ...ADMIN, summary: 'Add an administrative unit' })
  createAdminUnit(@CurrentActor() actor: Actor, @Body() body: CreateAdminUnitDto) {
    return this.units.create(actor, body);
  }

  @UpdateRoute(':id', { ...ADMIN, summary: 'Change an administrative unit' })
  updateAdminUnit(@RequestTarget() target: Target, @Body() body: UpdateAdminUnitDto) {
    return this.units.update(target, body);
  }

  @DeleteRoute(':id', { ...ADMIN, summary: 'Delete (hide) an administrative unit' })
  deleteAdminUnit(@RequestTarget() target: Target) {
    return this.units.remove(target);
  }

  @RestoreRoute(':id/restore', { ...ADMIN, summary: 'Bring back a deleted administrative unit' })
  restoreAdminUnit(@RequestTarget() target: Target) {
    return this.units.restore(target);
  }
}
