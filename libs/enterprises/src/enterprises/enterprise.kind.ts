import type { RecordKind } from '@app/platform';
import { districtScope } from '@app/registry';
import type { EnterpriseDto } from './dto/enterprise.dto';
import { toEnterpriseDtos } from './enterprise.mapper';
import { EnterpriseEntity } from './enterprise.entity';

/**
 * An enterprise lies in its admin unit: district officers reach those of their district and its
 * communes. Tasks may name one as their subject (`subjectType: 'enterprise'`).
 */
export const ENTERPRISE: RecordKind<EnterpriseEntity, EnterpriseDto> = {
  entityType: 'enterprise',
  label: 'Enterprise',
  entity: EnterpriseEntity,
  async toDto(enterprise, { manager }) {
    return (await toEnterpriseDtos(manager, [enterprise]))[0];
  },
  scopes: { district: districtScope('r.adminUnitId', 'adminUnitId') },
  describe: (e) => e.name,
};
