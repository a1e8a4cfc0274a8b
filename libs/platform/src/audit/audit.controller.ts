import { Query } from '@nestjs/common';
import { ApiResource, ListRoute } from '../http/routes';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditEventQueryDto } from './dto/audit-event.dto';

@ApiResource('api/v1/audit-events', 'audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ListRoute('', {
    roles: ['admin', 'leadership'],
    summary: 'Who changed what, when, before and after',
    item: AuditEventDto,
  })
  listAuditEvents(@Query() query: AuditEventQueryDto) {
    return this.audit.list(query);
  }
}
