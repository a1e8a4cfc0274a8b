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
  type Role,
  type Target,
  UpdateRoute,
} from '@app/platform';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { ORGANISATION } from './organisation.kind';
import { OrganisationsService } from './organisations.service';

/** Who keeps the contacts directory: the Department, and district officers for their district. */
export const REGISTRY_EDITORS: readonly Role[] = ['admin', 'department_staff', 'district_officer'];

const READ = { roles: ANY_ROLE, scope: ['district'], kind: ORGANISATION } as const;
const WRITE = { ...READ, roles: REGISTRY_EDITORS, response: OrganisationDto };

@ApiResource('api/v1/organisations', 'registry')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List organisations',
    item: OrganisationDto,
    deletedFor: REGISTRY_EDITORS,
  })
  listOrganisations(@CurrentActor() actor: Actor, @Query() query: OrganisationQueryDto) {
    return this.organisations.list(actor, query);
  }

  @GetRoute(':id', { ...READ, summary: 'One organisation', response: OrganisationDto })
  getOrganisation(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.organisations.get(actor, id);
  }

  @CreateRoute('', { ...WRITE, summary: 'Add an organisation' })
  createOrganisation(@CurrentActor() actor: Actor, @Body() body: CreateOrganisationDto) {
    return this.organisations.create(actor, body);
  }

  @UpdateRoute(':id', { ...WRITE, summary: 'Change an organisation' })
  updateOrganisation(@RequestTarget() target: Target, @Body() body: UpdateOrganisationDto) {
    return this.organisations.update(target, body);
  }

  @DeleteRoute(':id', { ...WRITE, summary: 'Delete (hide) an organisation' })
  deleteOrganisation(@RequestTarget() target: Target) {
    return this.organisations.remove(target);
  }

  @RestoreRoute(':id/restore', { ...WRITE, summary: 'Bring back a deleted organisation' })
  restoreOrganisation(@RequestTarget() target: Target) {
    return this.organisations.restore(target);
  }
}
