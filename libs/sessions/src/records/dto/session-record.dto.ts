import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { defineSort, ListQueryDto, RecordDto } from '@app/platform';
import { SESSION_RECORD_TYPES, type SessionRecordType } from '../session-record.entity';

export const MAX_SESSION_RECORDS = 500;

export class SessionRecordDto extends RecordDto {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;
  @ApiProperty({ enum: SESSION_RECORD_TYPES })
  type: SessionRecordType;
  @ApiProperty({
    example:
      'Đối với dự án xử lý nước ở Cồn Sơn, giao Trung tâm Ứng dụng Tiến bộ KH&CN viết dự án đề xuất.',
  })
  text: string;
  /** Who said it; null when not attributed. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  participantId: string | null;
  /** The name of who said it (the participant's person or organisation). */
  @ApiProperty({ type: String, nullable: true, example: 'Trần Hoài Phương' })
  participantName: string | null;
  /** Its place in the session's minutes: 1, 2, … with no gaps. */
  @ApiProperty({ example: 1 })
  order: number;
}

export class CreateSessionRecordDto {
  @ApiProperty({ enum: SESSION_RECORD_TYPES })
  @IsIn(SESSION_RECORD_TYPES)
  type: SessionRecordType;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text: string;

  /** A participant of the same session. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  participantId?: string | null;

  /**
   * Where to insert it (1 = first); the records from there on move down one place. Absent: at the
   * end. To move existing records, use `POST …/records/reorder`.
   */
  @ApiPropertyOptional({ minimum: 1, example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SESSION_RECORDS)
  order?: number;
}

/** Changes a record's type, text or speaker; its place changes only through `reorder`. */
export class UpdateSessionRecordDto {
  @ApiPropertyOptional({ enum: SESSION_RECORD_TYPES })
  @IsOptional()
  @IsIn(SESSION_RECORD_TYPES)
  type?: SessionRecordType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  participantId?: string | null;
}

/** The session's records in their new order: every live record of the session, each once. */
export class ReorderSessionRecordsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SESSION_RECORDS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  recordIds: string[];
}

/** All of a session's records, in order, with the session's version after the change. */
export class SessionRecordListDto {
  @ApiProperty({ type: [SessionRecordDto] })
  items: SessionRecordDto[];
  /** The session's version (also its ETag): send it as If-Match with the next reorder. */
  @ApiProperty({ example: 3 })
  version: number;
}

/** Records in their order in the minutes. */
export const SESSION_RECORD_SORT = defineSort({ order: 'r.position' }, { default: 'order' });

export class SessionRecordQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: SESSION_RECORD_TYPES })
  @IsOptional()
  @IsIn(SESSION_RECORD_TYPES)
  type?: SessionRecordType;
}
