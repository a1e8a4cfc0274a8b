import { recordFields } from '@app/platform';
import type { SupportNeedDto } from './dto/support-need.dto';
import { supportNeedActionsFrom } from './support-need-status';
import type { SupportNeedEntity } from './support-need.entity';

export function toSupportNeedDto(n: SupportNeedEntity): SupportNeedDto {
  return Object.assign(recordFields(n), {
    enterpriseId: n.enterpriseId,
    category: n.category,
    description: n.description,
    reportedOn: n.reportedOn,
    status: n.status,
    confirmedOn: n.confirmedOn,
    confirmationNote: n.confirmationNote,
    resolvedOn: n.resolvedOn,
    resolutionNote: n.resolutionNote,
    allowedActions: supportNeedActionsFrom(n.status),
  });
}
