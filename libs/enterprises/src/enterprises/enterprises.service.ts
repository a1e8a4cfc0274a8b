import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  type Actor,
  FollowUpTasks,
  Page,
  paginate,
  parameterName,
  RecordTransaction,
  RecordWriter,
  registerConstraintMessages,
  rejectNulls,
  RequestValidationError,
  sentFields,
  type Target,
  whereSearch,
} from '@app/platform';
import { AdminUnitsService, RegistryRefs } from '@app/registry';
import { certifiedCondition, certifiedDuringYearCondition } from '../certificates/certified';
import { toStCertificateDtos } from '../certificates/st-certificate.mapper';
import { StCertificateEntity } from '../certificates/st-certificate.entity';
import { toSupportNeedDto } from '../support-needs/support-need.mapper';
import {
  OPEN_SUPPORT_NEED_STATUSES,
  SupportNeedEntity,
} from '../support-needs/support-need.entity';
import {
  CreateEnterpriseDto,
  ENTERPRISE_SORT,
  EnterpriseDetailDto,
  EnterpriseDto,
  EnterpriseQueryDto,
  UpdateEnterpriseDto,
} from './dto/enterprise.dto';
import { ENTERPRISE } from './enterprise.kind';
import { toEnterpriseDto, toEnterpriseDtos } from './enterprise.mapper';
import { EnterpriseEntity } from './enterprise.entity';

registerConstraintMessages({
  uq_enterprise_tax_code: 'Another enterprise already has this tax code',
  ck_enterprise_tax_code: 'taxCode must be 10 digits, or NNNNNNNNNN-NNN for a branch',
});

@Injectable()
export class EnterprisesService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly units: AdminUnitsService,
    private readonly tasks: FollowUpTasks,
  ) {}

  async list(actor: Actor, query: EnterpriseQueryDto): Promise<Page<EnterpriseDto>> {
    const qb = this.writer.query(actor, ENTERPRISE, query);
    if (query.adminUnitId) {
      const unit = parameterName('unit');
      qb.andWhere(
        `r.adminUnitId IN (SELECT u.id FROM admin_unit u WHERE u.id = :${unit} OR u.parent_id = :${unit})`,
        { [unit]: query.adminUnitId },
      );
    }
    if (query.certified !== undefined) {
      qb.andWhere(
        query.certified ? certifiedCondition('r.id') : `NOT ${certifiedCondition('r.id')}`,
      );
    }
    if (query.certifiedInYear !== undefined) {
      qb.andWhere(certifiedDuringYearCondition('r.id', 'certifiedYear'), {
        certifiedYear: query.certifiedInYear,
      });
    }
    if (query.legalForm) qb.andWhere('r.legalForm = :legalForm', { legalForm: query.legalForm });
    if (query.sector) {
      query.sector.split(/\s+/).forEach((word, i) => {
        qb.andWhere(`f_search_key(r.sector) LIKE '%' || f_search_key(:sector${i}) || '%'`, {
          [`sector${i}`]: word.replace(/[\\%_]/g, (c) => `\\${c}`),
        });
      });
    }
    whereSearch(qb, query.q, { text: 'r.name' });
    const page = await paginate(qb, query, ENTERPRISE_SORT);
    return { ...page, items: await toEnterpriseDtos(this.writer.context().manager, page.items) };
  }

  /**
   * The enterprise whole: its certificates (issuers named), its open support needs and the tasks
   * about it, in a fixed number of queries. `certified` follows from the certificates read.
   */
  async view(actor: Actor, id: string): Promise<EnterpriseDetailDto> {
    const enterprise = await this.writer.find(actor, ENTERPRISE, id);
    const context = this.writer.context();
    const { manager } = context;
    const [certificates, needs, tasks] = await Promise.all([
      manager.find(StCertificateEntity, {
        where: { enterpriseId: id },
        order: { issuedOn: 'DESC', createdAt: 'DESC', id: 'ASC' },
      }),
      manager.find(SupportNeedEntity, {
        where: { enterpriseId: id, status: In([...OPEN_SUPPORT_NEED_STATUSES]) },
        order: { reportedOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      }),
      this.tasks.about(context, ENTERPRISE.entityType, [id]),
    ]);
    const [certificateDtos, refs] = await Promise.all([
      toStCertificateDtos(manager, certificates),
      RegistryRefs.load(manager, { units: [enterprise.adminUnitId] }),
    ]);
    return {
      ...toEnterpriseDto(
        enterprise,
        refs,
        certificates.some((c) => c.status === 'valid'),
      ),
      certificates: certificateDtos,
      openSupportNeeds: needs.map(toSupportNeedDto),
      tasks: tasks.get(id) ?? [],
    };
  }

  async create(actor: Actor, body: CreateEnterpriseDto): Promise<EnterpriseDto> {
    return this.writer.create(actor, ENTERPRISE, async (tx) => {
      await this.assertUnit(tx, body.adminUnitId);
      return tx.manager.create(EnterpriseEntity, {
        name: body.name,
        taxCode: body.taxCode ?? null,
        legalForm: body.legalForm,
        address: body.address ?? null,
        adminUnitId: body.adminUnitId,
        sector: body.sector ?? null,
        contactName: body.contactName ?? null,
        phone: body.phone ?? null,
        email: body.email ?? null,
        website: body.website ?? null,
      });
    });
  }

  async update(target: Target, body: UpdateEnterpriseDto): Promise<EnterpriseDto> {
    rejectNulls(body, ['name', 'legalForm', 'adminUnitId']);
    const changes = sentFields(body);
    return this.writer.change(target, ENTERPRISE, async (enterprise, tx) => {
      if (changes.adminUnitId) await this.assertUnit(tx, changes.adminUnitId);
      Object.assign(enterprise, changes);
    });
  }

  remove(target: Target): Promise<EnterpriseDto> {
    return this.writer.remove(target, ENTERPRISE);
  }

  restore(target: Target): Promise<EnterpriseDto> {
    return this.writer.restore(target, ENTERPRISE);
  }

  /** An enterprise the caller can see, for reading its children; 404 otherwise. */
  findVisible(actor: Actor, id: string): Promise<EnterpriseEntity> {
    return this.writer.find(actor, ENTERPRISE, id);
  }

  /**
   * Locks an enterprise the caller can see (by the route's scope), for a change to its
   * certificates or needs: 404 when it is not visible. Writers of one enterprise's children
   * serialise here.
   */
  lockForChange(tx: RecordTransaction, id: string): Promise<EnterpriseEntity> {
    return tx.lock(ENTERPRISE, id);
  }

  /** A district or a commune that exists: an enterprise lies in a place a district reaches. */
  private async assertUnit(tx: RecordTransaction, adminUnitId: string): Promise<void> {
    const unit = await this.units.requireUnit(tx.manager, adminUnitId, 'adminUnitId');
    if (unit.level === 'province') {
      throw RequestValidationError.field(
        'adminUnitId',
        `${unit.name} is a province; an enterprise lies in a district or a ward/commune`,
      );
    }
  }
}
