import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsInstant } from '../../http/date-validators';
import { defineSort, ListQueryDto, SortParam } from '../../http/list-query';

/** Oldest first by default; events of one transaction keep the order they were written in. */
export const AUDIT_EVENT_SORT = defineSort({ at: 'e.seq' }, { default: 'at' });

export class AuditEventQueryDto extends ListQueryDto {
  /** The kind of record, e.g. `organisation`, `task`. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  /** One record's history. */
  @IsOptional()
  @IsUUID()
  entityId?: string;

  /** What one user changed. */
  @IsOptional()
  @IsUUID()
  actorId?: string;

  /** `create`, `update`, `delete`, `restore` or a status action. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  action?: string;

  /** Events at or after this instant (ISO 8601). */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** Events before this instant (ISO 8601). */
  @IsOptional()
  @IsInstant()
  to?: string;

  @SortParam(AUDIT_EVENT_SORT)
  sort?: string;
}

export class AuditEventDto {
  id: string;
  /** When the change was committed (ISO 8601, Viet Nam time). */
  at: string;
  /** The user who made it; null for the system (CLI, first start). */
  actorId: string | null;
  /** Their full name; null for the system. */
  @ApiProperty({ type: String, nullable: true, example: 'Trần Hoài Phương' })
  actorName: string | null;
  @ApiProperty({ example: 'organisation' })
  entityType: string;
  entityId: string;
  @ApiProperty({ example: 'update' })
  action: string;
  /** The record before the change (null for a create). Secrets never appear. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  before: Record<string, unknown> | null;
  /** The record after the change. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  after: Record<string, unknown> | null;
  /** The id of the request that made the change, as in the logs. */
  requestId: string | null;
}
