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
  sqlIn,
  type Target,
  whereSearch,
} from '@app/platform';
import { EnterprisesService } from '../enterprises/enterprises.service';
import {
  CreateSupportNeedDto,
  SUPPORT_NEED_SORT,
  SupportNeedActionDto,
  SupportNeedDto,
  SupportNeedQueryDto,
  UpdateSupportNeedDto,
} from './dto/support-need.dto';
import { type SupportNeedAction, SUPPORT_NEED_STATUS_MACHINE } from './support-need-status';
import { SUPPORT_NEED } from './support-need.kind';
import { toSupportNeedDto } from './support-need.mapper';
import { OPEN_SUPPORT_NEED_STATUSES, SupportNeedEntity } from './support-need.entity';

registerConstraintMessages({
  ck_support_need_steps:
    'The steps of a support need must be in date order: reported, confirmed, then supported or declined',
});

/**
 * An enterprise's support needs. Every change locks the enterprise first, then the need;
 * `confirm`, `support` and `decline` follow the status machine, each with its date and a note.
 */
@Injectable()
export class SupportNeedsService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly clock: Clock,
    private readonly enterprises: EnterprisesService,
  ) {}

  async list(
    actor: Actor,
    enterpriseId: string,
    query: SupportNeedQueryDto,
  ): Promise<Page<SupportNeedDto>> {
    await this.enterprises.findVisible(actor, enterpriseId);
    const qb = this.writer
      .query(actor, SUPPORT_NEED)
      .andWhere('r.enterpriseId = :enterpriseId', { enterpriseId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.category) qb.andWhere('r.category = :category', { category: query.category });
    if (query.open !== undefined) {
      const open = sqlIn('r.status', OPEN_SUPPORT_NEED_STATUSES);
      qb.andWhere(query.open ? open : `NOT ${open}`);
    }
    whereSearch(qb, query.q, { key: 'f_search_key(r.description)' });
    const page = await paginate(qb, query, SUPPORT_NEED_SORT);
    return { ...page, items: page.items.map(toSupportNeedDto) };
  }

  async get(target: Target, enterpriseId: string): Promise<SupportNeedDto> {
    return toSupportNeedDto(await this.writer.findChild(target, SUPPORT_NEED, enterpriseId));
  }

  async create(
    actor: Actor,
    enterpriseId: string,
    body: CreateSupportNeedDto,
  ): Promise<SupportNeedDto> {
    this.assertReportedOn(body.reportedOn, null);
    return this.writer.create(actor, SUPPORT_NEED, async (tx) => {
      await this.enterprises.lockForChange(tx, enterpriseId);
      return tx.manager.create(SupportNeedEntity, {
        enterpriseId,
        category: body.category,
        description: body.description,
        reportedOn: body.reportedOn,
        status: 'reported',
        confirmedOn: null,
        confirmationNote: null,
        resolvedOn: null,
        resolutionNote: null,
      });
    });
  }

  async update(
    target: Target,
    enterpriseId: string,
    body: UpdateSupportNeedDto,
  ): Promise<SupportNeedDto> {
    rejectNulls(body, ['category', 'description', 'reportedOn']);
    const changes = sentFields(body);
    return this.writer.run(target.actor, async (tx) => {
      const need = await tx.lockChild(SUPPORT_NEED, enterpriseId, target);
      if (changes.reportedOn !== undefined) {
        this.assertReportedOn(changes.reportedOn, need.confirmedOn ?? need.resolvedOn);
      }
      return tx.change(SUPPORT_NEED, need, (n) => {
        Object.assign(n, changes);
      });
    });
  }

  async remove(target: Target, enterpriseId: string): Promise<SupportNeedDto> {
    return this.writer.run(target.actor, async (tx) => {
      const need = await tx.lockChild(SUPPORT_NEED, enterpriseId, target);
      return tx.remove(SUPPORT_NEED, need);
    });
  }

  /** `confirm`, `support` or `decline` by the status machine's rules, audited under its name. */
  async act(
    target: Target,
    enterpriseId: string,
    action: SupportNeedAction,
    body: SupportNeedActionDto,
  ): Promise<SupportNeedDto> {
    return this.writer.run(target.actor, async (tx) => {
      const need = await tx.lockChild(SUPPORT_NEED, enterpriseId, target);
      return tx.act(SUPPORT_NEED, need, SUPPORT_NEED_STATUS_MACHINE, action, { ...body });
    });
  }

  /** Reported by today in Viet Nam, and not after the step that followed (when there is one). */
  private assertReportedOn(reportedOn: string, nextStep: string | null): void {
    const today = calendarDate(this.clock.now());
    if (reportedOn > today) {
      throw RequestValidationError.field(
        'reportedOn',
        `must not be after today in Viet Nam (${today}); got ${reportedOn}`,
      );
    }
    if (nextStep !== null && reportedOn > nextStep) {
      throw RequestValidationError.field(
        'reportedOn',
        `must not be after the need was confirmed or resolved (${nextStep}); got ${reportedOn}`,
      );
    }
  }
}
