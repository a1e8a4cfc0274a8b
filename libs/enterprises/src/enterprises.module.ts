import { Module } from '@nestjs/common';
import { registerRecordKind } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { StCertificatesController } from './certificates/st-certificates.controller';
import { StCertificatesService } from './certificates/st-certificates.service';
import { ENTERPRISE } from './enterprises/enterprise.kind';
import { EnterprisesController } from './enterprises/enterprises.controller';
import { EnterprisesService } from './enterprises/enterprises.service';
import { SupportNeedsController } from './support-needs/support-needs.controller';
import { SupportNeedsService } from './support-needs/support-needs.service';

// Tasks may name an enterprise as their subject (`subjectType: 'enterprise'`).
registerRecordKind(ENTERPRISE);

/** S&T enterprises, their certificates and their support needs. */
@Module({
  imports: [RegistryModule],
  controllers: [EnterprisesController, StCertificatesController, SupportNeedsController],
  providers: [EnterprisesService, StCertificatesService, SupportNeedsService],
  exports: [EnterprisesService, StCertificatesService, SupportNeedsService],
})
export class EnterprisesModule {}
