import { ApiProperty } from '@nestjs/swagger';
import { ADMIN_LEVELS, type AdminLevel } from '@app/registry';

/** A unit a report is about, with the days it was in force (a dissolved district keeps its years). */
export class ReportUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '918' })
  code: string;
  @ApiProperty({ example: 'Quận Bình Thủy' })
  name: string;
  @ApiProperty({ enum: ADMIN_LEVELS })
  level: AdminLevel;
  /** First day in force; null when in force since before records began. */
  @ApiProperty({ type: String, nullable: true, example: null })
  validFrom: string | null;
  /** Last day in force; null while it still is. */
  @ApiProperty({ type: String, nullable: true, example: '2025-06-30' })
  validTo: string | null;
}

export class ReportPeriodDto {
  /** The reporting year asked for; null for a range of days. */
  @ApiProperty({ type: Number, nullable: true, example: 2023 })
  year: number | null;
  /** First day of the period (Viet Nam). */
  @ApiProperty({ example: '2023-01-01' })
  from: string;
  /** Last day of the period, included. */
  @ApiProperty({ example: '2023-12-31' })
  to: string;
  /**
   * The day the statuses of IP registrations, certificates and support needs are read at: the
   * period's last day, or today while it runs. Task figures are always as of today.
   */
  @ApiProperty({ example: '2023-12-31' })
  asOf: string;
  /** The period in Vietnamese, as printed: "Năm 2023", "Từ 01/07/2023 đến 30/09/2023". */
  @ApiProperty({ example: 'Năm 2023' })
  label: string;
}

export class SessionStatusCountsDto {
  @ApiProperty({ example: 0 })
  planned: number;
  @ApiProperty({ example: 0 })
  held: number;
  @ApiProperty({ example: 1 })
  closed: number;
  @ApiProperty({ example: 0 })
  cancelled: number;
}

/** Working sessions of the period (by reporting year, or by the day they started). */
export class WorkingSessionFiguresDto {
  /** Sessions held (status `held` or `closed`). */
  @ApiProperty({ example: 1 })
  count: number;
  /** Every session of the period by its status now. */
  @ApiProperty({ type: SessionStatusCountsDto })
  byStatus: SessionStatusCountsDto;
}

/** Registrations by status on `period.asOf` (replayed from their dated events). */
export class IpStatusCountsDto {
  @ApiProperty({ example: 6 })
  preparing: number;
  @ApiProperty({ example: 0 })
  filed: number;
  @ApiProperty({ example: 0 })
  formality_accepted: number;
  @ApiProperty({ example: 0 })
  published: number;
  @ApiProperty({ example: 0 })
  granted: number;
  @ApiProperty({ example: 0 })
  renewed: number;
  @ApiProperty({ example: 0 })
  refused: number;
  @ApiProperty({ example: 0 })
  withdrawn: number;
  @ApiProperty({ example: 0 })
  expired: number;
}

export class IpKindCountsDto {
  @ApiProperty({ example: 0 })
  trademark: number;
  @ApiProperty({ example: 6 })
  collective_mark: number;
  @ApiProperty({ example: 0 })
  certification_mark: number;
  @ApiProperty({ example: 0 })
  geographical_indication: number;
}

/**
 * IP registrations the period concerns: supported in a year of it, or with a live event
 * (not voided) dated in it; the same rule as the registrations list's `year` filter.
 */
export class IpRegistrationFiguresDto {
  @ApiProperty({ example: 6 })
  total: number;
  @ApiProperty({ type: IpStatusCountsDto })
  byStatus: IpStatusCountsDto;
  @ApiProperty({ type: IpKindCountsDto })
  byKind: IpKindCountsDto;
  /** Granted in the period (a live `granted` event dated in it). */
  @ApiProperty({ example: 0 })
  grantedInPeriod: number;
}

/** Enterprises that held a valid S&T enterprise certificate on at least one day of the period. */
export class EnterpriseFiguresDto {
  @ApiProperty({ example: 2 })
  certified: number;
  /** Of those, still certified on `period.asOf` (a certificate revoked mid-year is not). */
  @ApiProperty({ example: 2 })
  certifiedAtEnd: number;
}

export class SupportNeedStatusCountsDto {
  @ApiProperty({ example: 2 })
  reported: number;
  @ApiProperty({ example: 0 })
  confirmed: number;
  @ApiProperty({ example: 0 })
  supported: number;
  @ApiProperty({ example: 0 })
  declined: number;
}

/**
 * Support needs of the unit's enterprises open at some time in the period (reported by its last
 * day, not resolved before its first), by their status on `period.asOf`.
 */
export class SupportNeedFiguresDto {
  @ApiProperty({ example: 2 })
  total: number;
  @ApiProperty({ type: SupportNeedStatusCountsDto })
  byStatus: SupportNeedStatusCountsDto;
}

export class ProjectKindCountsDto {
  @ApiProperty({ example: 1 })
  ip_development: number;
  @ApiProperty({ example: 0 })
  technology_application: number;
  @ApiProperty({ example: 1 })
  agricultural_model: number;
  @ApiProperty({ example: 0 })
  research: number;
  @ApiProperty({ example: 0 })
  infrastructure_proposal: number;
  @ApiProperty({ example: 0 })
  other: number;
}

export class ProjectStatusCountsDto {
  @ApiProperty({ example: 2 })
  proposed: number;
  @ApiProperty({ example: 0 })
  approved: number;
  @ApiProperty({ example: 0 })
  in_progress: number;
  @ApiProperty({ example: 0 })
  completed: number;
  @ApiProperty({ example: 0 })
  cancelled: number;
}

/**
 * Projects with a unit in the district (or row) running in the period: actual dates where known,
 * else planned (open while it has no end); with no dates, its programme's years; with neither,
 * every period while it is not completed or cancelled (flagged `dated: false`). Status: now. A
 * project in several units counts in each of their rows, and once in the totals.
 */
export class ProjectFiguresDto {
  @ApiProperty({ example: 2 })
  total: number;
  @ApiProperty({ type: ProjectKindCountsDto })
  byKind: ProjectKindCountsDto;
  @ApiProperty({ type: ProjectStatusCountsDto })
  byStatus: ProjectStatusCountsDto;
  /** Households and organisations of those projects, in the unit's wards, that were selected. */
  @ApiProperty({ example: 0 })
  participantsSelected: number;
  /** Every live participant of those projects in the unit's wards, whatever their status. */
  @ApiProperty({ example: 16 })
  participants: number;
}

/**
 * Tasks given by the unit's working sessions of the period, by their status today in Viet Nam.
 * On time: done with the day of completion (Viet Nam) on or before the due date, or done with
 * no due date. Overdue: not done nor cancelled, due before today.
 */
export class TaskFiguresDto {
  /** Every live task, cancelled ones included. */
  @ApiProperty({ example: 3 })
  assigned: number;
  @ApiProperty({ example: 0 })
  done: number;
  @ApiProperty({ example: 0 })
  doneOnTime: number;
  @ApiProperty({ example: 0 })
  doneLate: number;
  /** Open or in progress, due before today. */
  @ApiProperty({ example: 3 })
  overdue: number;
  /** Open or in progress (overdue ones included). */
  @ApiProperty({ example: 3 })
  open: number;
  @ApiProperty({ example: 0 })
  cancelled: number;
  /** doneOnTime / done, from 0 to 1; null when no task is done. */
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: null })
  onTimeRate: number | null;
}

/** The headline figures of a unit (or of all of them), under the names of API.md. */
export class HeadlineFiguresDto {
  @ApiProperty({ type: WorkingSessionFiguresDto })
  workingSessions: WorkingSessionFiguresDto;
  @ApiProperty({ type: IpRegistrationFiguresDto })
  ipRegistrations: IpRegistrationFiguresDto;
  @ApiProperty({ type: EnterpriseFiguresDto })
  enterprises: EnterpriseFiguresDto;
  @ApiProperty({ type: SupportNeedFiguresDto })
  supportNeeds: SupportNeedFiguresDto;
  @ApiProperty({ type: ProjectFiguresDto })
  projects: ProjectFiguresDto;
  @ApiProperty({ type: TaskFiguresDto })
  tasks: TaskFiguresDto;
}
