import type { RecordKind } from '@app/platform';
import { AdminUnitEntity } from './admin-unit.entity';
import { toAdminUnitDtos } from './admin-unit.mapper';
import type { AdminUnitDto } from './dto/admin-unit.dto';

/** The official (or hand-made) administrative units, versioned and audited like any record. */
export const ADMIN_UNIT: RecordKind<AdminUnitEntity, AdminUnitDto> = {
  entityType: 'admin_unit',
  label: 'Administrative unit',
  entity: AdminUnitEntity,
  async toDto(unit, { manager }) {
    return (await toAdminUnitDtos(manager, [unit]))[0];
  },
  // Reference data: every caller reads every unit; no scope rule narrows it.
  scopes: {},
  describe: (unit) => `${unit.name} (${unit.code})`,
};
