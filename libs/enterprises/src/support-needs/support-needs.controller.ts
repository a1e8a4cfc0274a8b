import { Body, Query } from '@nestjs/common';
import {
  ActionRoute,
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
  type Target,
  UpdateRoute,
} from '@app/platform';
import { ENTERPRISE_WRITERS } from '../access/enterprise-roles';
import {
  CreateSupportNeedDto,
  SupportNeedActionDto,
  SupportNeedDto,
  SupportNeedQueryDto,
  UpdateSupportNeedDto,
} from './dto/support-need.dto';
import { SUPPORT_NEED } from './support-need.kind';
import { SupportNeedsService } from './support-needs.service';

/** Every role reads; the Department and district officers record and follow them (officers: their district's). */
const READ = { roles: ANY_ROLE, scope: ['district'], kind: SUPPORT_NEED } as const;
const WRITE = {
  roles: ENTERPRISE_WRITERS,
  scope: ['district'],
  kind: SUPPORT_NEED,
  response: SupportNeedDto,
} as const;

/** `:id` is the enterprise; `:needId` the support need the request targets. */
@ApiResource('api/v1/enterprises/:id/support-needs', 'enterprises')
export class SupportNeedsController {
  constructor(private readonly needs: SupportNeedsService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List an enterprise’s support needs (open=true: those still to act on)',
    item: SupportNeedDto,
  })
  listSupportNeeds(
    @CurrentActor() actor: Actor,
    @IdParam() enterpriseId: string,
    @Query() query: SupportNeedQueryDto,
  ) {
    return this.needs.list(actor, enterpriseId, query);
  }

  @GetRoute(':needId', { ...READ, summary: 'One support need', response: SupportNeedDto })
  getSupportNeed(@RequestTarget('needId') target: Target, @IdParam() enterpriseId: string) {
    return this.needs.get(target, enterpriseId);
  }

  @CreateRoute('', { ...WRITE, summary: 'Record a support need (reported)' })
  createSupportNeed(
    @CurrentActor() actor: Actor,
    @IdParam() enterpriseId: string,
    @Body() body: CreateSupportNeedDto,
  ) {
    return this.needs.create(actor, enterpriseId, body);
  }

  @UpdateRoute(':needId', { ...WRITE, summary: 'Change a support need' })
  updateSupportNeed(
    @RequestTarget('needId') target: Target,
    @IdParam() enterpriseId: string,
    @Body() body: UpdateSupportNeedDto,
  ) {
    return this.needs.update(target, enterpriseId, body);
  }

  @DeleteRoute(':needId', { ...WRITE, summary: 'Delete a support need recorded by mistake' })
  deleteSupportNeed(@RequestTarget('needId') target: Target, @IdParam() enterpriseId: string) {
    return this.needs.remove(target, enterpriseId);
  }

  @ActionRoute(':needId/confirm', {
    ...WRITE,
    summary: 'The enterprise confirmed the need: date and note (reported → confirmed)',
  })
  confirmSupportNeed(
    @RequestTarget('needId') target: Target,
    @IdParam() enterpriseId: string,
    @Body() body: SupportNeedActionDto,
  ) {
    return this.needs.act(target, enterpriseId, 'confirm', body);
  }

  @ActionRoute(':needId/support', {
    ...WRITE,
    summary: 'The support was given: date and note (confirmed → supported)',
  })
  markSupportNeedSupported(
    @RequestTarget('needId') target: Target,
    @IdParam() enterpriseId: string,
    @Body() body: SupportNeedActionDto,
  ) {
    return this.needs.act(target, enterpriseId, 'support', body);
  }

  @ActionRoute(':needId/decline', {
    ...WRITE,
    summary: 'It will not be supported: date and why (reported or confirmed → declined)',
  })
  declineSupportNeed(
    @RequestTarget('needId') target: Target,
    @IdParam() enterpriseId: string,
    @Body() body: SupportNeedActionDto,
  ) {
    return this.needs.act(target, enterpriseId, 'decline', body);
  }
}
