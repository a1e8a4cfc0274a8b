import { ApiProperty } from '@nestjs/swagger';
import { OrganisationRefDto } from '@app/registry';

export class FollowUpPeriodDto {
  @ApiProperty({ example: '2023-01-01' })
  from: string;
  @ApiProperty({ example: '2023-12-31' })
  to: string;
  @ApiProperty({ example: 'Từ 01/01/2023 đến 31/12/2023' })
  label: string;
}

export class OldestOpenTaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  title: string;
  /** The day it was given: its session's day, or the day it was recorded. */
  @ApiProperty({ example: '2023-08-08' })
  assignedOn: string;
  /** Days from `assignedOn` to today in Viet Nam. */
  @ApiProperty({ example: 890 })
  ageDays: number;
  @ApiProperty({ type: String, nullable: true })
  dueDate: string | null;
}

/** Task figures of one lead unit (or all), by status today in Viet Nam. */
export class FollowUpFiguresDto {
  /** Every live task, cancelled ones included. */
  @ApiProperty({ example: 3 })
  assigned: number;
  @ApiProperty({ example: 1 })
  done: number;
  /** Done on or before the due date (by the day of completion in Viet Nam), or done with none. */
  @ApiProperty({ example: 1 })
  doneOnTime: number;
  @ApiProperty({ example: 0 })
  doneLate: number;
  /** Open or in progress and due before today: overdue now. */
  @ApiProperty({ example: 1 })
  overdue: number;
  /** Open or in progress. */
  @ApiProperty({ example: 2 })
  open: number;
  @ApiProperty({ example: 0 })
  cancelled: number;
  /** doneOnTime / done, from 0 to 1; null when none is done. */
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, example: 1 })
  onTimeRate: number | null;
  /** The open task given longest ago, and its age in days. */
  @ApiProperty({ type: OldestOpenTaskDto, nullable: true })
  oldestOpen: OldestOpenTaskDto | null;
}

export class FollowUpRowDto extends FollowUpFiguresDto {
  @ApiProperty({ type: OrganisationRefDto })
  leadOrganisation: OrganisationRefDto;
  /** The lists behind the figures: this unit's tasks (`&overdue=true` for the overdue ones). */
  @ApiProperty({ example: '/api/v1/tasks?leadOrganisationId=5f0c…' })
  tasks: string;
}

/** Tasks by lead unit: assigned, done, done on time, overdue now, the oldest still open. */
export class TaskFollowUpReportDto {
  /** The days tasks were assigned in; null: every task. */
  @ApiProperty({ type: FollowUpPeriodDto, nullable: true })
  period: FollowUpPeriodDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  leadOrganisationId: string | null;
  @ApiProperty({ example: '2026-01-15' })
  today: string;
  @ApiProperty({ example: '2026-01-15T10:00:00+07:00' })
  generatedAt: string;
  /** One row per lead unit with tasks, most overdue first. */
  @ApiProperty({ type: [FollowUpRowDto] })
  rows: FollowUpRowDto[];
  @ApiProperty({ type: FollowUpFiguresDto })
  totals: FollowUpFiguresDto;
}
