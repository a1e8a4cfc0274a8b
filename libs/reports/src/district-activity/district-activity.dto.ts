import { ApiProperty } from '@nestjs/swagger';
import { IP_KINDS, IP_STATUSES, type IpKind, type IpStatus } from '@app/ip';
import {
  SUPPORT_NEED_CATEGORIES,
  SUPPORT_NEED_STATUSES,
  ST_CERTIFICATE_STATUSES,
  type StCertificateStatus,
  type SupportNeedCategory,
  type SupportNeedStatus,
} from '@app/enterprises';
import {
  PROJECT_KINDS,
  PROJECT_STATUSES,
  type ProjectKind,
  type ProjectStatus,
} from '@app/projects';
import {
  SESSION_KINDS,
  SESSION_STATUSES,
  type SessionKind,
  type SessionStatus,
} from '@app/sessions';
import { TASK_STATUSES, type TaskStatus } from '@app/tasks';
import {
  EnterpriseFiguresDto,
  IpRegistrationFiguresDto,
  ProjectFiguresDto,
  ReportPeriodDto,
  ReportUnitDto,
  SupportNeedFiguresDto,
  TaskFiguresDto,
  WorkingSessionFiguresDto,
} from '../dto/figures.dto';

/** A record named, to drill into: `id` with the name or title a reader knows it by. */
export class NamedRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Phường Thới An Đông' })
  name: string;
}

export class DelegationHeadDto {
  /** The person who led the delegation, or null when an organisation is recorded as head. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  personId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId: string | null;
  @ApiProperty({ example: 'Trần Hoài Phương' })
  name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Phó Giám đốc Sở' })
  position: string | null;
}

export class SessionItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  title: string;
  @ApiProperty({ enum: SESSION_KINDS })
  kind: SessionKind;
  @ApiProperty({ enum: SESSION_STATUSES })
  status: SessionStatus;
  /** ISO 8601 instant in Viet Nam time. */
  @ApiProperty({ example: '2023-08-08T14:00:00+07:00' })
  startsAt: string;
  @ApiProperty({ type: NamedRefDto })
  hostAdminUnit: NamedRefDto;
  @ApiProperty({ type: DelegationHeadDto, nullable: true })
  delegationHead: DelegationHeadDto | null;
}

export class WorkingSessionsSectionDto extends WorkingSessionFiguresDto {
  /** The sessions held (those `count` counts), by start time; left out with `items=none`. */
  @ApiProperty({ type: [SessionItemDto], required: false })
  items: SessionItemDto[];
}

export class IpRegistrationItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Nấm bào ngư phường Thới An Đông' })
  name: string;
  @ApiProperty({ enum: IP_KINDS })
  kind: IpKind;
  /** Its status on `period.asOf`, the one `byStatus` counts. */
  @ApiProperty({ enum: IP_STATUSES })
  status: IpStatus;
  /** Its status now. */
  @ApiProperty({ enum: IP_STATUSES })
  currentStatus: IpStatus;
  @ApiProperty({ type: NamedRefDto })
  adminUnit: NamedRefDto;
  @ApiProperty({ type: Number, nullable: true, example: 2023 })
  supportYear: number | null;
  @ApiProperty({ type: String, nullable: true })
  applicationNumber: string | null;
  @ApiProperty({ type: String, nullable: true })
  filingDate: string | null;
  @ApiProperty({ type: String, nullable: true })
  certificateNumber: string | null;
  @ApiProperty({ type: String, nullable: true })
  grantDate: string | null;
  @ApiProperty()
  grantedInPeriod: boolean;
}

export class IpRegistrationsSectionDto extends IpRegistrationFiguresDto {
  /** The list behind the figures; left out with `items=none`. */
  @ApiProperty({ type: [IpRegistrationItemDto], required: false })
  items: IpRegistrationItemDto[];
}

export class CertificateItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'MẪU-01 (số mẫu)' })
  certificateNumber: string;
  @ApiProperty({ example: '2023-08-08' })
  issuedOn: string;
  /** The day it stopped being valid (exclusive); null while valid. */
  @ApiProperty({ type: String, nullable: true })
  endedOn: string | null;
  /** Its status now. */
  @ApiProperty({ enum: ST_CERTIFICATE_STATUSES })
  status: StCertificateStatus;
}

export class EnterpriseItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Công ty Cổ phần Dược thảo Fungi' })
  name: string;
  @ApiProperty({ type: NamedRefDto })
  adminUnit: NamedRefDto;
  /** Holding a valid certificate on `period.asOf`. */
  @ApiProperty()
  certifiedAtEnd: boolean;
  /** Its certificates valid on some day of the period. */
  @ApiProperty({ type: [CertificateItemDto] })
  certificates: CertificateItemDto[];
}

export class EnterprisesSectionDto extends EnterpriseFiguresDto {
  /** The list behind the figures; left out with `items=none`. */
  @ApiProperty({ type: [EnterpriseItemDto], required: false })
  items: EnterpriseItemDto[];
}

export class SupportNeedItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ type: NamedRefDto })
  enterprise: NamedRefDto;
  @ApiProperty({ enum: SUPPORT_NEED_CATEGORIES })
  category: SupportNeedCategory;
  @ApiProperty()
  description: string;
  @ApiProperty({ example: '2023-08-08' })
  reportedOn: string;
  /** Its status on `period.asOf`, the one `byStatus` counts. */
  @ApiProperty({ enum: SUPPORT_NEED_STATUSES })
  status: SupportNeedStatus;
  /** Its status now. */
  @ApiProperty({ enum: SUPPORT_NEED_STATUSES })
  currentStatus: SupportNeedStatus;
}

export class SupportNeedsSectionDto extends SupportNeedFiguresDto {
  /** The list behind the figures; left out with `items=none`. */
  @ApiProperty({ type: [SupportNeedItemDto], required: false })
  items: SupportNeedItemDto[];
}

export class ProgrammeRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'SHTT-2023' })
  code: string;
  @ApiProperty()
  name: string;
}

export class IndicatorItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ example: 'kg/1000 m²' })
  unit: string;
  @ApiProperty({ type: Number, nullable: true })
  target: number | null;
  @ApiProperty({ type: Number, nullable: true })
  actual: number | null;
  @ApiProperty({ type: String, nullable: true })
  measuredOn: string | null;
}

export class ProjectItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  title: string;
  @ApiProperty({ enum: PROJECT_KINDS })
  kind: ProjectKind;
  @ApiProperty({ enum: PROJECT_STATUSES })
  status: ProjectStatus;
  @ApiProperty({ type: ProgrammeRefDto, nullable: true })
  programme: ProgrammeRefDto | null;
  /** False when neither the project nor its programme has dates: it is counted in every period while not completed or cancelled. */
  @ApiProperty()
  dated: boolean;
  /** Actual start, else planned. */
  @ApiProperty({ type: String, nullable: true })
  start: string | null;
  /** Actual end, else planned. */
  @ApiProperty({ type: String, nullable: true })
  end: string | null;
  /** Its participants in the unit's wards. */
  @ApiProperty({ example: 16 })
  participants: number;
  @ApiProperty({ example: 0 })
  participantsSelected: number;
  @ApiProperty({ type: [IndicatorItemDto] })
  indicators: IndicatorItemDto[];
}

export class ProjectsSectionDto extends ProjectFiguresDto {
  /** Indicators of those projects. */
  @ApiProperty({ example: 0 })
  indicators: number;
  /** The list behind the figures; left out with `items=none`. */
  @ApiProperty({ type: [ProjectItemDto], required: false })
  items: ProjectItemDto[];
}

export class TaskLeadDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ type: String, nullable: true })
  shortName: string | null;
}

export class TaskItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  title: string;
  @ApiProperty({ enum: TASK_STATUSES })
  status: TaskStatus;
  @ApiProperty({ type: TaskLeadDto })
  leadOrganisation: TaskLeadDto;
  @ApiProperty({ type: String, nullable: true, example: '2023-09-30' })
  dueDate: string | null;
  /** The day it was completed in Viet Nam (done tasks). */
  @ApiProperty({ type: String, nullable: true })
  completedOn: string | null;
  /** The session it comes from. */
  @ApiProperty({ type: NamedRefDto })
  session: NamedRefDto;
  @ApiProperty()
  overdue: boolean;
  /** Done on or before its due date (or done with none); null while not done. */
  @ApiProperty({ type: Boolean, nullable: true })
  onTime: boolean | null;
  /** Days after the due date it was done, or is overdue by today; null otherwise. */
  @ApiProperty({ type: Number, nullable: true })
  daysLate: number | null;
}

export class LeadTaskFiguresDto {
  @ApiProperty({ type: TaskLeadDto })
  leadOrganisation: TaskLeadDto;
  @ApiProperty({ example: 1 })
  assigned: number;
  @ApiProperty({ example: 1 })
  done: number;
  @ApiProperty({ example: 1 })
  doneOnTime: number;
  @ApiProperty({ example: 0 })
  overdue: number;
  /** doneOnTime / done; null when none is done. */
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  onTimeRate: number | null;
}

export class TasksSectionDto extends TaskFiguresDto {
  /** The same figures per lead unit (the PDF charts their on-time rates). */
  @ApiProperty({ type: [LeadTaskFiguresDto] })
  byLead: LeadTaskFiguresDto[];
  /** The list behind the figures; left out with `items=none`. */
  @ApiProperty({ type: [TaskItemDto], required: false })
  items: TaskItemDto[];
}

/**
 * One district's (or, after the reform, one commune's) period: every figure beside the list it
 * counts, so a reader can open any record by its id.
 */
export class DistrictActivityReportDto {
  @ApiProperty({ type: ReportUnitDto })
  adminUnit: ReportUnitDto;
  /** The province it lies in. */
  @ApiProperty({ type: ReportUnitDto })
  province: ReportUnitDto;
  @ApiProperty({ type: ReportPeriodDto })
  period: ReportPeriodDto;
  /** Today in Viet Nam, the day `overdue` is judged on. */
  @ApiProperty({ example: '2026-01-15' })
  today: string;
  /** When the report was made, ISO 8601 in Viet Nam time. */
  @ApiProperty({ example: '2026-01-15T10:00:00+07:00' })
  generatedAt: string;
  @ApiProperty({ type: WorkingSessionsSectionDto })
  workingSessions: WorkingSessionsSectionDto;
  @ApiProperty({ type: IpRegistrationsSectionDto })
  ipRegistrations: IpRegistrationsSectionDto;
  @ApiProperty({ type: EnterprisesSectionDto })
  enterprises: EnterprisesSectionDto;
  @ApiProperty({ type: SupportNeedsSectionDto })
  supportNeeds: SupportNeedsSectionDto;
  @ApiProperty({ type: ProjectsSectionDto })
  projects: ProjectsSectionDto;
  @ApiProperty({ type: TasksSectionDto })
  tasks: TasksSectionDto;
}
