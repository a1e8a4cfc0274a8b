import type { RecordKind } from '@app/platform';
import { enterpriseDistrictScope } from '../access/enterprise-scope';
import { ENTERPRISE } from '../enterprises/enterprise.kind';
import type { StCertificateDto } from './dto/st-certificate.dto';
import { toStCertificateDtos } from './st-certificate.mapper';
import { StCertificateEntity } from './st-certificate.entity';

/** A certificate belongs to its enterprise: it exists while the enterprise does, in its district. */
export const ST_CERTIFICATE: RecordKind<StCertificateEntity, StCertificateDto> = {
  entityType: 'st_enterprise_certificate',
  label: 'S&T enterprise certificate',
  entity: StCertificateEntity,
  async toDto(certificate, { manager }) {
    return (await toStCertificateDtos(manager, [certificate]))[0];
  },
  scopes: { district: enterpriseDistrictScope('r.enterprise_id', 'enterpriseId') },
  parent: { kind: ENTERPRISE, property: 'enterpriseId' },
  describe: (c) => c.certificateNumber,
};
