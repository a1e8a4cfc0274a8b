export * from './enterprises.module';
export * from './access/enterprise-roles';
export * from './validation/tax-code';
export * from './validation/phone';
export * from './validation/validators';
export * from './enterprises/enterprise.entity';
export * from './enterprises/enterprise.kind';
export * from './enterprises/enterprise.mapper';
export * from './enterprises/enterprises.service';
export * from './enterprises/dto/enterprise.dto';
export * from './certificates/certified';
export * from './certificates/st-certificate.entity';
export * from './certificates/st-certificate-status';
export * from './certificates/st-certificate.kind';
export * from './certificates/st-certificate.mapper';
export * from './certificates/st-certificates.service';
export * from './certificates/dto/st-certificate.dto';
export * from './support-needs/support-need.entity';
export * from './support-needs/support-need-status';
export * from './support-needs/support-need.kind';
export * from './support-needs/support-need.mapper';
export * from './support-needs/support-needs.service';
export * from './support-needs/dto/support-need.dto';

import { StCertificateEntity } from './certificates/st-certificate.entity';
import { EnterpriseEntity } from './enterprises/enterprise.entity';
import { SupportNeedEntity } from './support-needs/support-need.entity';

export const ENTERPRISES_ENTITIES = [EnterpriseEntity, StCertificateEntity, SupportNeedEntity];
