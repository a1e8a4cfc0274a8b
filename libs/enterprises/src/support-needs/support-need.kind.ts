import type { RecordKind } from '@app/platform';
import { enterpriseDistrictScope } from '../access/enterprise-scope';
import { ENTERPRISE } from '../enterprises/enterprise.kind';
import type { SupportNeedDto } from './dto/support-need.dto';
import { toSupportNeedDto } from './support-need.mapper';
import { SupportNeedEntity } from './support-need.entity';

/** A support need belongs to its enterprise: it exists while the enterprise does, in its district. */
export const SUPPORT_NEED: RecordKind<SupportNeedEntity, SupportNeedDto> = {
  entityType: 'support_need',
  label: 'Support need',
  entity: SupportNeedEntity,
  toDto: toSupportNeedDto,
  scopes: { district: enterpriseDistrictScope('r.enterprise_id', 'enterpriseId') },
  parent: { kind: ENTERPRISE, property: 'enterpriseId' },
  describe: (n) => n.description.slice(0, 80),
};
