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
import { ENTERPRISE_WRITERS } from '../access/enterprise-roles';
import {
  CreateEnterpriseDto,
  EnterpriseDetailDto,
  EnterpriseDto,
  EnterpriseQueryDto,
  UpdateEnterpriseDto,
} from './dto/enterprise.dto';
import { ENTERPRISE } from './enterprise.kind';
import { EnterprisesService } from './enterprises.service';

/** Every role reads; the Department and district officers keep them (officers: their district's). */
const READ = { roles: ANY_ROLE, scope: ['district'], kind: ENTERPRISE } as const;
const WRITE = {
  roles: ENTERPRISE_WRITERS,
  scope: ['district'],
  kind: ENTERPRISE,
  response: EnterpriseDto,
} as const;

@ApiResource('api/v1/enterprises', 'enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List enterprises (certified=, adminUnitId=, q= on name or tax code, …)',
    item: EnterpriseDto,
    deletedFor: ENTERPRISE_WRITERS,
  })
  listEnterprises(@CurrentActor() actor: Actor, @Query() query: EnterpriseQueryDto) {
    return this.enterprises.list(actor, query);
  }

  @GetRoute(':id', {
    ...READ,
    summary: 'One enterprise with its certificates, open support needs and tasks',
    response: EnterpriseDetailDto,
  })
  getEnterprise(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.enterprises.view(actor, id);
  }

  @CreateRoute('', { ...WRITE, summary: 'Add an enterprise' })
  createEnterprise(@CurrentActor() actor: Actor, @Body() body: CreateEnterpriseDto) {
    return this.enterprises.create(actor, body);
  }

  @UpdateRoute(':id', { ...WRITE, summary: 'Change an enterprise' })
  updateEnterprise(@RequestTarget() target: Target, @Body() body: UpdateEnterpriseDto) {
    return this.enterprises.update(target, body);
  }

  @DeleteRoute(':id', {
    ...WRITE,
    summary: 'Delete (hide) an enterprise, with its certificates and needs',
  })
  deleteEnterprise(@RequestTarget() target: Target) {
    return this.enterprises.remove(target);
  }

  @RestoreRoute(':id/restore', { ...WRITE, summary: 'Bring back a deleted enterprise' })
  restoreEnterprise(@RequestTarget() target: Target) {
    return this.enterprises.restore(target);
  }
}
