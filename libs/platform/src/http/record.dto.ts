import { ApiProperty } from '@nestjs/swagger';
import type { TrackedEntity } from '../database/tracked.entity';

/** The fields every record shows: identity, timestamps, and the version its ETag carries. */
export class RecordDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** ISO 8601 instant. */
  createdAt: string;
  /** ISO 8601 instant. */
  updatedAt: string;
  /** Set when the record is deleted (only a delete or restore answer shows one). */
  @ApiProperty({ type: String, nullable: true })
  deletedAt: string | null;
  /** Increases with every change; send it back as `If-Match: "<version>"`. */
  @ApiProperty({ example: 1 })
  version: number;
}

export function recordFields(record: TrackedEntity): RecordDto {
  return {
    id: record.id,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    deletedAt: record.deletedAt ? record.deletedAt.toISOString() : null,
    version: record.version,
  };
}
