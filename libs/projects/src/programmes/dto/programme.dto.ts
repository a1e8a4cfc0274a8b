import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DeletableListQueryDto, defineSort, RecordDto, SortParam, ToInteger } from '@app/platform';
import { OrganisationRefDto } from '@app/registry';
import { PROGRAMME_YEARS } from '../programme.entity';

export class ProgrammeDto extends RecordDto {
  @ApiProperty({ example: 'SHTT-2023' })
  code: string;
  @ApiProperty({ example: 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023' })
  name: string;
  @ApiProperty({ format: 'uuid' })
  ownerOrganisationId: string;
  /** The owner, named. */
  ownerOrganisation: OrganisationRefDto;
  @ApiProperty({ example: 2023 })
  startYear: number;
  @ApiProperty({ example: 2023 })
  endYear: number;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
}

export class CreateProgrammeDto {
  /** 2–40 letters, digits, dots, dashes or underscores; unique among programmes. */
  @ApiProperty({ example: 'SHTT-2023' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/, {
    message: 'must be 2–40 letters, digits, dots, dashes or underscores',
  })
  code: string;

  @ApiProperty({ example: 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerOrganisationId: string;

  @ApiProperty({ minimum: PROGRAMME_YEARS.min, maximum: PROGRAMME_YEARS.max, example: 2023 })
  @IsInt()
  @Min(PROGRAMME_YEARS.min)
  @Max(PROGRAMME_YEARS.max)
  startYear: number;

  /** Not before `startYear`. */
  @ApiProperty({ minimum: PROGRAMME_YEARS.min, maximum: PROGRAMME_YEARS.max, example: 2023 })
  @IsInt()
  @Min(PROGRAMME_YEARS.min)
  @Max(PROGRAMME_YEARS.max)
  endYear: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string | null;
}

export class UpdateProgrammeDto extends PartialType(CreateProgrammeDto) {}

export const PROGRAMME_SORT = defineSort(
  { startYear: 'r.startYear', code: 'r.code', name: 'r.name', createdAt: 'r.createdAt' },
  { default: '-startYear,code' },
);

export class ProgrammeQueryDto extends DeletableListQueryDto {
  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string;

  /** Programmes running in this year (between their start and end years). */
  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(PROGRAMME_YEARS.min)
  @Max(PROGRAMME_YEARS.max)
  year?: number;

  @SortParam(PROGRAMME_SORT)
  sort?: string;
}
