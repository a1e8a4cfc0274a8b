import { Body, Query } from '@nestjs/common';
import {
  ActionRoute,
  type Actor,
  ANY_ROLE,
  ApiResource,
  CreateRoute,
  CurrentActor,
  DeleteRoute,
  GetRoute,
  IdParam,
  ListRoute,
  RequestTarget,
  type Target,
  UpdateRoute,
} from '@app/platform';
import { CERTIFICATE_WRITERS } from '../access/enterprise-roles';
import {
  CreateStCertificateDto,
  StCertificateActionDto,
  StCertificateDto,
  StCertificateQueryDto,
  UpdateStCertificateDto,
} from './dto/st-certificate.dto';
import { ST_CERTIFICATE } from './st-certificate.kind';
import { StCertificatesService } from './st-certificates.service';

/** Every role reads (district officers: their district's); the Department records them. */
const READ = { roles: ANY_ROLE, scope: ['district'], kind: ST_CERTIFICATE } as const;
const WRITE = { roles: CERTIFICATE_WRITERS, response: StCertificateDto };

/** `:id` is the enterprise; `:certificateId` the certificate the request targets. */
@ApiResource('api/v1/enterprises/:id/st-certificates', 'enterprises')
export class StCertificatesController {
  constructor(private readonly certificates: StCertificatesService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List an enterprise’s S&T enterprise certificates, newest first',
    item: StCertificateDto,
  })
  listStCertificates(
    @CurrentActor() actor: Actor,
    @IdParam() enterpriseId: string,
    @Query() query: StCertificateQueryDto,
  ) {
    return this.certificates.list(actor, enterpriseId, query);
  }

  @GetRoute(':certificateId', {
    ...READ,
    summary: 'One S&T enterprise certificate',
    response: StCertificateDto,
  })
  getStCertificate(
    @RequestTarget('certificateId') target: Target,
    @IdParam() enterpriseId: string,
  ) {
    return this.certificates.get(target, enterpriseId);
  }

  @CreateRoute('', {
    ...WRITE,
    summary: 'Record an S&T enterprise certificate (valid): the enterprise is certified',
  })
  certifyEnterprise(
    @CurrentActor() actor: Actor,
    @IdParam() enterpriseId: string,
    @Body() body: CreateStCertificateDto,
  ) {
    return this.certificates.create(actor, enterpriseId, body);
  }

  @UpdateRoute(':certificateId', { ...WRITE, summary: 'Correct a certificate' })
  updateStCertificate(
    @RequestTarget('certificateId') target: Target,
    @IdParam() enterpriseId: string,
    @Body() body: UpdateStCertificateDto,
  ) {
    return this.certificates.update(target, enterpriseId, body);
  }

  @DeleteRoute(':certificateId', {
    ...WRITE,
    summary: 'Delete a certificate recorded by mistake (revoke one that was issued)',
  })
  deleteStCertificate(
    @RequestTarget('certificateId') target: Target,
    @IdParam() enterpriseId: string,
  ) {
    return this.certificates.remove(target, enterpriseId);
  }

  @ActionRoute(':certificateId/revoke', {
    ...WRITE,
    summary: 'Revoke a certificate, with the date and the reason (valid → revoked)',
  })
  revokeStCertificate(
    @RequestTarget('certificateId') target: Target,
    @IdParam() enterpriseId: string,
    @Body() body: StCertificateActionDto,
  ) {
    return this.certificates.act(target, enterpriseId, 'revoke', body);
  }

  @ActionRoute(':certificateId/expire', {
    ...WRITE,
    summary:
      'Record that a certificate stopped being valid, with the date and why (valid → expired)',
  })
  expireStCertificate(
    @RequestTarget('certificateId') target: Target,
    @IdParam() enterpriseId: string,
    @Body() body: StCertificateActionDto,
  ) {
    return this.certificates.act(target, enterpriseId, 'expire', body);
  }
}
