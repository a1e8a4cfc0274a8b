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
  type Role,
  type Target,
  UpdateRoute,
} from '@app/platform';
import {
  CreateIpRegistrationDto,
  IpRegistrationDetailDto,
  IpRegistrationDto,
  IpRegistrationQueryDto,
  UpdateIpRegistrationDto,
} from './dto/ip-registration.dto';
import { IP_REGISTRATION } from './ip-registration.kind';
import { IpRegistrationsService } from './ip-registrations.service';

/** Every role reads (district officers: registrations located in their district). */
export const IP_READ = { roles: ANY_ROLE, scope: ['district'], kind: IP_REGISTRATION } as const;
/** The Department keeps every registration; a district officer those of their district. */
export const IP_WRITERS: readonly Role[] = [...DEPARTMENT, 'district_officer'];
const WRITE = {
  roles: IP_WRITERS,
  scope: ['district'],
  kind: IP_REGISTRATION,
  response: IpRegistrationDto,
} as const;

@ApiResource('api/v1/ip-registrations', 'ip-registrations')
export class IpRegistrationsController {
  constructor(private readonly registrations: IpRegistrationsService) {}

  @ListRoute('', {
    ...IP_READ,
    summary:
      'List IP registrations (kind, status, adminUnitId, programmeId, year, expiringWithinDays, renewalDue, examinationOverdue; q on the name and product)',
    item: IpRegistrationDto,
    deletedFor: IP_WRITERS,
  })
  listIpRegistrations(@CurrentActor() actor: Actor, @Query() query: IpRegistrationQueryDto) {
    return this.registrations.list(actor, query);
  }

  @GetRoute(':id', {
    ...IP_READ,
    summary: 'One IP registration with its event history and follow-up tasks',
    response: IpRegistrationDetailDto,
  })
  getIpRegistration(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.registrations.view(actor, id);
  }

  @CreateRoute('', { ...WRITE, summary: 'Record an IP registration being prepared' })
  createIpRegistration(@CurrentActor() actor: Actor, @Body() body: CreateIpRegistrationDto) {
    return this.registrations.create(actor, body);
  }

  @UpdateRoute(':id', {
    ...WRITE,
    summary: 'Change what is entered about a registration (its status comes from its events)',
  })
  updateIpRegistration(@RequestTarget() target: Target, @Body() body: UpdateIpRegistrationDto) {
    return this.registrations.update(target, body);
  }

  @DeleteRoute(':id', { ...WRITE, summary: 'Delete (hide) an IP registration' })
  deleteIpRegistration(@RequestTarget() target: Target) {
    return this.registrations.remove(target);
  }

  @RestoreRoute(':id/restore', { ...WRITE, summary: 'Bring back a deleted IP registration' })
  restoreIpRegistration(@RequestTarget() target: Target) {
    return this.registrations.restore(target);
  }
}
