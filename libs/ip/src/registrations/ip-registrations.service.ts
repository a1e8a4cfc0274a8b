import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type Actor,
  ConflictError,
  FollowUpTasks,
  Page,
  paginate,
  type ReadContext,
  RecordTransaction,
  RecordWriter,
  registerConstraintMessages,
  rejectNulls,
  RequestValidationError,
  sentFields,
  type Target,
  whereSearch,
} from '@app/platform';
import { ProgrammesService } from '@app/projects';
import { AdminUnitsService, OrganisationsService } from '@app/registry';
import { loadHistory, toIpEventDto, voidedByOf } from '../events/ip-event.mapper';
import { INITIAL_IP_STATE } from '../rules/ip-lifecycle';
import {
  CreateIpRegistrationDto,
  IP_REGISTRATION_SORT,
  IpRegistrationDetailDto,
  IpRegistrationDto,
  IpRegistrationQueryDto,
  UpdateIpRegistrationDto,
} from './dto/ip-registration.dto';
import {
  examinationOverdueCondition,
  expiringCondition,
  notExaminationOverdueCondition,
  notRenewalDueCondition,
  renewalDueCondition,
  withinUnitCondition,
  yearCondition,
} from './ip-registration.conditions';
import { IP_REGISTRATION } from './ip-registration.kind';
import { toIpRegistrationDtos } from './ip-registration.mapper';
import { IpRegistrationEntity } from './ip-registration.entity';

registerConstraintMessages({
  uq_ip_registration_application_number: 'Another registration already has this application number',
  uq_ip_registration_certificate_number: 'Another registration already has this certificate number',
  ck_ip_registration_nice_classes: 'niceClasses must hold 1 to 45 classes, each from 1 to 45',
});

/** What places a registration in time and space, to check its locality against. */
interface Placement {
  adminUnitId: string;
  filingDate: string | null;
  supportYear: number | null;
}

/** Nice classes as kept: ascending, once each. */
function canonicalClasses(classes: readonly number[]): number[] {
  return [...new Set(classes)].sort((a, b) => a - b);
}

/**
 * IP registrations: what people enter about a mark (its name, product, classes, owner, locality,
 * supporting unit, programme). Its status, numbers and dates come from its events
 * (`IpEventsService`), never from these writes.
 */
@Injectable()
export class IpRegistrationsService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly units: AdminUnitsService,
    private readonly organisations: OrganisationsService,
    private readonly programmes: ProgrammesService,
    private readonly followUps: FollowUpTasks,
  ) {}

  async list(actor: Actor, query: IpRegistrationQueryDto): Promise<Page<IpRegistrationDto>> {
    const context = this.writer.context();
    const qb = this.writer.query(actor, IP_REGISTRATION, query);
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.adminUnitId) {
      qb.andWhere(withinUnitCondition('r', 'unit'), { unit: query.adminUnitId });
    }
    if (query.programmeId) {
      qb.andWhere('r.programmeId = :programmeId', { programmeId: query.programmeId });
    }
    if (query.ownerOrganisationId) {
      qb.andWhere('r.ownerOrganisationId = :owner', { owner: query.ownerOrganisationId });
    }
    if (query.supportingOrganisationId) {
      qb.andWhere('r.supportingOrganisationId = :supporting', {
        supporting: query.supportingOrganisationId,
      });
    }
    if (query.year !== undefined) qb.andWhere(yearCondition('r', 'year'), { year: query.year });
    if (query.niceClass !== undefined) {
      qb.andWhere(':niceClass = ANY (r.niceClasses)', { niceClass: query.niceClass });
    }
    if (query.expiringWithinDays !== undefined) {
      qb.andWhere(expiringCondition('r', 'today', 'days'), {
        today: context.today,
        days: query.expiringWithinDays,
      });
    }
    if (query.renewalDue !== undefined) {
      qb.andWhere(
        query.renewalDue ? renewalDueCondition('r', 'today') : notRenewalDueCondition('r', 'today'),
        { today: context.today },
      );
    }
    if (query.examinationOverdue !== undefined) {
      qb.andWhere(
        query.examinationOverdue
          ? examinationOverdueCondition('r', 'today')
          : notExaminationOverdueCondition('r', 'today'),
        { today: context.today },
      );
    }
    whereSearch(qb, query.q, { text: 'r.name' });
    const page = await paginate(qb, query, IP_REGISTRATION_SORT);
    return {
      ...page,
      items: await toIpRegistrationDtos(context.manager, page.items, context.today),
    };
  }

  /** The registration with its whole history and its follow-up tasks, in a fixed number of queries. */
  async view(actor: Actor, id: string): Promise<IpRegistrationDetailDto> {
    const registration = await this.writer.find(actor, IP_REGISTRATION, id);
    return this.detail(this.writer.context(), registration);
  }

  /** The whole view of a registration read in `context` (e.g. inside the transaction that changed it). */
  async detail(
    context: ReadContext,
    registration: IpRegistrationEntity,
  ): Promise<IpRegistrationDetailDto> {
    const [dto] = await toIpRegistrationDtos(context.manager, [registration], context.today);
    const history = await loadHistory(context.manager, registration.id);
    const voidedBy = voidedByOf(history);
    const tasks = await this.followUps.about(context, IP_REGISTRATION.entityType, [
      registration.id,
    ]);
    return {
      ...dto,
      events: history.map((e) => toIpEventDto(e, voidedBy.get(e.id) ?? null)),
      tasks: tasks.get(registration.id) ?? [],
    };
  }

  async create(actor: Actor, body: CreateIpRegistrationDto): Promise<IpRegistrationDto> {
    return this.writer.create(actor, IP_REGISTRATION, async (tx) => {
      const placement = {
        adminUnitId: body.adminUnitId,
        filingDate: null,
        supportYear: body.supportYear ?? null,
      };
      await this.assertLocality(tx.manager, placement, tx.context.today);
      await this.assertParties(tx, body);
      return tx.manager.create(IpRegistrationEntity, {
        kind: body.kind,
        name: body.name,
        product: body.product,
        niceClasses: canonicalClasses(body.niceClasses),
        ownerOrganisationId: body.ownerOrganisationId ?? null,
        adminUnitId: body.adminUnitId,
        supportingOrganisationId: body.supportingOrganisationId ?? null,
        programmeId: body.programmeId ?? null,
        supportYear: body.supportYear ?? null,
        notes: body.notes ?? null,
        ...INITIAL_IP_STATE,
      });
    });
  }

  async update(target: Target, body: UpdateIpRegistrationDto): Promise<IpRegistrationDto> {
    rejectNulls(body, ['kind', 'name', 'product', 'niceClasses', 'adminUnitId']);
    const changes = sentFields(body);
    return this.writer.change(target, IP_REGISTRATION, async (registration, tx) => {
      if (
        changes.kind !== undefined &&
        changes.kind !== registration.kind &&
        registration.status !== 'preparing'
      ) {
        throw new ConflictError(
          `The kind of “${registration.name}” cannot change once it is filed (it is ${registration.status}): its application number and term follow from the kind`,
        );
      }
      if (changes.ownerOrganisationId === null && registration.status !== 'preparing') {
        throw RequestValidationError.field(
          'ownerOrganisationId',
          `cannot be emptied once the application is filed (it is ${registration.status}): the owner is its applicant`,
        );
      }
      if (changes.adminUnitId !== undefined || changes.supportYear !== undefined) {
        await this.assertLocality(
          tx.manager,
          {
            adminUnitId: changes.adminUnitId ?? registration.adminUnitId,
            filingDate: registration.filingDate,
            supportYear:
              changes.supportYear !== undefined ? changes.supportYear : registration.supportYear,
          },
          tx.context.today,
        );
      }
      await this.assertParties(tx, changes);
      Object.assign(registration, changes);
      if (changes.niceClasses) registration.niceClasses = canonicalClasses(changes.niceClasses);
    });
  }

  remove(target: Target): Promise<IpRegistrationDto> {
    return this.writer.remove(target, IP_REGISTRATION);
  }

  restore(target: Target): Promise<IpRegistrationDto> {
    return this.writer.restore(target, IP_REGISTRATION);
  }

  /** The owner, the supporting unit and the programme, each when given: 400 naming the field. */
  private async assertParties(
    tx: RecordTransaction,
    fields: Pick<
      UpdateIpRegistrationDto,
      'ownerOrganisationId' | 'supportingOrganisationId' | 'programmeId'
    >,
  ): Promise<void> {
    if (fields.ownerOrganisationId) {
      await this.organisations.requireOrganisation(
        tx,
        fields.ownerOrganisationId,
        'ownerOrganisationId',
      );
    }
    if (fields.supportingOrganisationId) {
      await this.organisations.requireOrganisation(
        tx,
        fields.supportingOrganisationId,
        'supportingOrganisationId',
      );
    }
    if (fields.programmeId) {
      await this.programmes.requireProgramme(tx, fields.programmeId, 'programmeId');
    }
  }

  /**
   * The locality is a unit in force when the registration happened: on its filing date once
   * filed, else in its support year, else this year (in Viet Nam). A 2023 registration keeps
   * quận Bình Thủy's wards; a new one uses the units in force now.
   */
  private async assertLocality(
    manager: EntityManager,
    placement: Placement,
    today: string,
  ): Promise<void> {
    if (placement.filingDate !== null) {
      await this.units.requireUnit(
        manager,
        placement.adminUnitId,
        'adminUnitId',
        placement.filingDate,
      );
      return;
    }
    const unit = await this.units.requireUnit(manager, placement.adminUnitId, 'adminUnitId');
    const year = placement.supportYear ?? Number(today.slice(0, 4));
    const endsBefore = unit.validTo !== null && unit.validTo < `${year}-01-01`;
    const startsAfter = unit.validFrom !== null && unit.validFrom > `${year}-12-31`;
    if (endsBefore || startsAfter) {
      throw RequestValidationError.field(
        'adminUnitId',
        `${unit.name} (${unit.code}) was not in force in ${year} (in force ${unit.validFrom ?? '…'} – ${unit.validTo ?? '…'}); use the unit valid then${placement.supportYear === null ? ', or give the supportYear' : ''}`,
      );
    }
  }
}
