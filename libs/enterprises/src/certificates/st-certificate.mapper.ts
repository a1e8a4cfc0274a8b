import type { EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import { RegistryRefs } from '@app/registry';
import type { StCertificateDto } from './dto/st-certificate.dto';
import { stCertificateActionsFrom } from './st-certificate-status';
import type { StCertificateEntity } from './st-certificate.entity';

export function toStCertificateDto(c: StCertificateEntity, refs: RegistryRefs): StCertificateDto {
  return Object.assign(recordFields(c), {
    enterpriseId: c.enterpriseId,
    certificateNumber: c.certificateNumber,
    issuedOn: c.issuedOn,
    issuerOrganisationId: c.issuerOrganisationId,
    issuerOrganisation: refs.organisation(c.issuerOrganisationId),
    stResult: c.stResult,
    status: c.status,
    endedOn: c.endedOn,
    endReason: c.endReason,
    allowedActions: stCertificateActionsFrom(c.status),
  });
}

/** Certificates as shown, their issuers named in one query. */
export async function toStCertificateDtos(
  manager: EntityManager,
  certificates: StCertificateEntity[],
): Promise<StCertificateDto[]> {
  const refs = await RegistryRefs.load(manager, {
    organisations: certificates.map((c) => c.issuerOrganisationId),
  });
  return certificates.map((c) => toStCertificateDto(c, refs));
}
