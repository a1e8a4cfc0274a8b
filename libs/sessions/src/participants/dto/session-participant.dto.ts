import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineSort, ListQueryDto, RecordDto } from '@app/platform';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../session-participant.entity';

export class SessionParticipantDto extends RecordDto {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;
  /** The person who took part; null when an organisation took part as a whole. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  personId: string | null;
  /** The organisation that took part as a whole; null for a person. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId: string | null;
  @ApiProperty({ enum: PARTICIPANT_ROLES })
  role: ParticipantRole;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  /** The person's full name or the organisation's name (read only). */
  @ApiProperty({ example: 'Trần Hoài Phương' })
  name: string;
  /** The person's position (read only); null for an organisation. */
  @ApiProperty({ type: String, nullable: true, example: 'Phó Giám đốc Sở' })
  position: string | null;
}

export class CreateSessionParticipantDto {
  /** Exactly one of personId and organisationId. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  personId?: string | null;

  /** Exactly one of personId and organisationId. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  /** At most one delegation head per session. */
  @ApiProperty({ enum: PARTICIPANT_ROLES })
  @IsIn(PARTICIPANT_ROLES)
  role: ParticipantRole;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class UpdateSessionParticipantDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  personId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @ApiPropertyOptional({ enum: PARTICIPANT_ROLES })
  @IsOptional()
  @IsIn(PARTICIPANT_ROLES)
  role?: ParticipantRole;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

/** Participants in the order they were added. */
export const SESSION_PARTICIPANT_SORT = defineSort(
  { createdAt: 'r.createdAt' },
  { default: 'createdAt' },
);

export class SessionParticipantQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: PARTICIPANT_ROLES })
  @IsOptional()
  @IsIn(PARTICIPANT_ROLES)
  role?: ParticipantRole;
}
