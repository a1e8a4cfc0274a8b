import type { EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import { RegistryRefs } from '@app/registry';
import { certifiedAmong } from '../certificates/certified';
import type { EnterpriseDto } from './dto/enterprise.dto';
import type { EnterpriseEntity } from './enterprise.entity';

export function toEnterpriseDto(
  e: EnterpriseEntity,
  refs: RegistryRefs,
  certified: boolean,
): EnterpriseDto {
  return Object.assign(recordFields(e), {
    name: e.name,
    taxCode: e.taxCode,
    legalForm: e.legalForm,
    address: e.address,
    adminUnitId: e.adminUnitId,
    adminUnit: refs.unit(e.adminUnitId),
    sector: e.sector,
    contactName: e.contactName,
    phone: e.phone,
    email: e.email,
    website: e.website,
    certified,
  });
}

/** Enterprises as shown: their units named in one query, whether each is certified in another. */
export async function toEnterpriseDtos(
  manager: EntityManager,
  enterprises: EnterpriseEntity[],
): Promise<EnterpriseDto[]> {
  const refs = await RegistryRefs.load(manager, { units: enterprises.map((e) => e.adminUnitId) });
  const certified = await certifiedAmong(
    manager,
    enterprises.map((e) => e.id),
  );
  return enterprises.map((e) => toEnterpriseDto(e, refs, certified.has(e.id)));
}
