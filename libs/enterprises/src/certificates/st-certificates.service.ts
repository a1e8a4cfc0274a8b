import { Injectable } from '@nestjs/common';
import {
  type Actor,
  calendarDate,
  Clock,
  Page,
  paginate,
  RecordWriter,
  registerConstraintMessages,
  rejectNulls,
  RequestValidationError,
  sentFields,
  type Target,
  whereSearch,
} from '@app/platform';
import { OrganisationsService } from '@app/registry';
import { EnterprisesService } from '../enterprises/enterprises.service';
import {
  CreateStCertificateDto,
  ST_CERTIFICATE_SORT,
  StCertificateActionDto,
  StCertificateDto,
  StCertificateQueryDto,
  UpdateStCertificateDto,
} from './dto/st-certificate.dto';
import { type StCertificateAction, ST_CERTIFICATE_STATUS_MACHINE } from './st-certificate-status';
import { ST_CERTIFICATE } from './st-certificate.kind';
import { toStCertificateDtos } from './st-certificate.mapper';
import { StCertificateEntity } from './st-certificate.entity';

registerConstraintMessages({
  uq_st_certificate_number: 'The issuer already has a certificate with this number',
  ck_st_certificate_end: 'A certificate cannot end before it was issued',
});

/**
 * An enterprise's S&T enterprise certificates. Every change locks the enterprise first, then the
 * certificate; `revoke` and `expire` follow the status machine.
 */
@Injectable()
export class StCertificatesService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly clock: Clock,
    private readonly enterprises: EnterprisesService,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(
    actor: Actor,
    enterpriseId: string,
    query: StCertificateQueryDto,
  ): Promise<Page<StCertificateDto>> {
    await this.enterprises.findVisible(actor, enterpriseId);
    const qb = this.writer
      .query(actor, ST_CERTIFICATE)
      .andWhere('r.enterpriseId = :enterpriseId', { enterpriseId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    whereSearch(qb, query.q, {
      key: `f_search_key(r.certificateNumber || ' ' || coalesce(r.stResult, ''))`,
    });
    const page = await paginate(qb, query, ST_CERTIFICATE_SORT);
    return { ...page, items: await toStCertificateDtos(this.writer.context().manager, page.items) };
  }

  async get(target: Target, enterpriseId: string): Promise<StCertificateDto> {
    const certificate = await this.writer.findChild(target, ST_CERTIFICATE, enterpriseId);
    return ST_CERTIFICATE.toDto(certificate, this.writer.context());
  }

  async create(
    actor: Actor,
    enterpriseId: string,
    body: CreateStCertificateDto,
  ): Promise<StCertificateDto> {
    this.assertIssuedBy(body.issuedOn, null);
    return this.writer.create(actor, ST_CERTIFICATE, async (tx) => {
      await this.enterprises.lockForChange(tx, enterpriseId);
      await this.organisations.requireOrganisation(
        tx,
        body.issuerOrganisationId,
        'issuerOrganisationId',
      );
      return tx.manager.create(StCertificateEntity, {
        enterpriseId,
        certificateNumber: body.certificateNumber,
        issuedOn: body.issuedOn,
        issuerOrganisationId: body.issuerOrganisationId,
        stResult: body.stResult ?? null,
        status: 'valid',
        endedOn: null,
        endReason: null,
      });
    });
  }

  async update(
    target: Target,
    enterpriseId: string,
    body: UpdateStCertificateDto,
  ): Promise<StCertificateDto> {
    rejectNulls(body, ['certificateNumber', 'issuedOn', 'issuerOrganisationId']);
    const changes = sentFields(body);
    return this.writer.run(target.actor, async (tx) => {
      const certificate = await tx.lockChild(ST_CERTIFICATE, enterpriseId, target);
      if (changes.issuedOn !== undefined)
        this.assertIssuedBy(changes.issuedOn, certificate.endedOn);
      if (changes.issuerOrganisationId) {
        await this.organisations.requireOrganisation(
          tx,
          changes.issuerOrganisationId,
          'issuerOrganisationId',
        );
      }
      return tx.change(ST_CERTIFICATE, certificate, (c) => {
        Object.assign(c, changes);
      });
    });
  }

  async remove(target: Target, enterpriseId: string): Promise<StCertificateDto> {
    return this.writer.run(target.actor, async (tx) => {
      const certificate = await tx.lockChild(ST_CERTIFICATE, enterpriseId, target);
      return tx.remove(ST_CERTIFICATE, certificate);
    });
  }

  /** `revoke` or `expire` by the status machine's rules, audited under the action's name. */
  async act(
    target: Target,
    enterpriseId: string,
    action: StCertificateAction,
    body: StCertificateActionDto,
  ): Promise<StCertificateDto> {
    return this.writer.run(target.actor, async (tx) => {
      const certificate = await tx.lockChild(ST_CERTIFICATE, enterpriseId, target);
      return tx.act(ST_CERTIFICATE, certificate, ST_CERTIFICATE_STATUS_MACHINE, action, {
        ...body,
      });
    });
  }

  /** Issued by today in Viet Nam, and not after the day it ended (when it has). */
  private assertIssuedBy(issuedOn: string, endedOn: string | null): void {
    const today = calendarDate(this.clock.now());
    if (issuedOn > today) {
      throw RequestValidationError.field(
        'issuedOn',
        `must not be after today in Viet Nam (${today}); got ${issuedOn}`,
      );
    }
    if (endedOn !== null && issuedOn > endedOn) {
      throw RequestValidationError.field(
        'issuedOn',
        `must not be after the day the certificate ended (${endedOn}); got ${issuedOn}`,
      );
    }
  }
}
