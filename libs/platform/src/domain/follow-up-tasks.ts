import { ApiProperty } from '@nestjs/swagger';
import type { ReadContext } from '../database/record-kind';

/** A follow-up task as the record it concerns shows it (an enterprise's, a project's tasks). */
export class FollowUpTaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Liên hệ doanh nghiệp để xác nhận nhu cầu hỗ trợ' })
  title: string;
  /** open, in_progress, done or cancelled. */
  @ApiProperty({ example: 'open' })
  status: string;
  /** YYYY-MM-DD; null when the task has none. */
  @ApiProperty({ type: String, nullable: true, example: '2023-09-30' })
  dueDate: string | null;
  /** Not done, not cancelled, and due before today in Viet Nam. */
  overdue: boolean;
  @ApiProperty({ format: 'uuid' })
  leadOrganisationId: string;
  @ApiProperty({ example: 'Phòng Quản lý Công nghệ và Thị trường công nghệ' })
  leadOrganisationName: string;
}

/**
 * The tasks that concern records of a kind (a task's `subjectType` and `subjectId`): what a
 * record's view lists as its follow-ups. The tasks module provides it, globally, so the modules
 * whose records tasks concern (enterprises, projects, IP registrations) need not import it.
 */
export abstract class FollowUpTasks {
  /** The live tasks about each record, oldest first, in one query for all of them. */
  abstract about(
    context: ReadContext,
    subjectType: string,
    subjectIds: string[],
  ): Promise<Map<string, FollowUpTaskDto[]>>;
}
