import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/policy.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { PageOf } from '../http/list-query';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditEventQueryDto } from './dto/audit-event.dto';

@ApiTags('audit')
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Allow(['admin', 'leadership'])
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Who changed what, when, before and after',
  })
  @ApiOkResponse({ type: PageOf(AuditEventDto) })
  @ApiProblems(400)
  list(@Query() query: AuditEventQueryDto) {
    return this.audit.list(query);
  }
}
