import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  DeletableListQueryDto,
  defineSort,
  IsCalendarDate,
  RecordDto,
  SortParam,
} from '@app/platform';
import {
  ADMIN_LEVELS,
  ADMIN_SUBTYPES,
  type AdminLevel,
  type AdminSubtype,
} from '../admin-unit.entity';
import { AdminUnitRefDto } from '../../names/registry-refs.dto';

export class AdminUnitDto extends RecordDto {
  /** Official statistics code: 2 digits for a province, 3 for a district, 5 for a commune. */
  @ApiProperty({ example: '918' })
  code: string;
  @ApiProperty({ example: 'Quận Bình Thủy' })
  name: string;
  @ApiProperty({ enum: ADMIN_LEVELS })
  level: AdminLevel;
  @ApiProperty({ enum: ADMIN_SUBTYPES })
  subtype: AdminSubtype;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId: string | null;
  /** The unit it lies in, named (a ward's district, a district's province). */
  @ApiProperty({ type: AdminUnitRefDto, nullable: true })
  parent: AdminUnitRefDto | null;
  /** First day in force (YYYY-MM-DD); null when unknown. */
  @ApiProperty({ type: String, nullable: true, example: null })
  validFrom: string | null;
  /** Last day in force (YYYY-MM-DD); null while in force. */
  @ApiProperty({ type: String, nullable: true, example: '2025-06-30' })
  validTo: string | null;
  /** The units that took this one over (after a merger or split). */
  @ApiProperty({ type: [String], format: 'uuid' })
  successorIds: string[];
  /** The units this one took over. */
  @ApiProperty({ type: [String], format: 'uuid' })
  predecessorIds: string[];
}

export class CreateAdminUnitDto {
  /** Official code; unique among the units in force at the same time. */
  @ApiProperty({ example: '31174' })
  @IsString()
  @Matches(/^[0-9A-Za-z]{1,10}$/, { message: 'must be 1–10 letters or digits' })
  code: string;

  @ApiProperty({ example: 'Phường Thới An Đông' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ADMIN_LEVELS })
  @IsIn(ADMIN_LEVELS)
  level: AdminLevel;

  @ApiProperty({ enum: ADMIN_SUBTYPES })
  @IsIn(ADMIN_SUBTYPES)
  subtype: AdminSubtype;

  /** Required for districts and communes; a unit of a higher level. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2025-07-01' })
  @IsOptional()
  @IsCalendarDate()
  validFrom?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  @IsOptional()
  @IsCalendarDate()
  validTo?: string | null;

  /** Units that succeed this one; replaces the whole list when sent. */
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  successorIds?: string[];
}

export class UpdateAdminUnitDto extends PartialType(CreateAdminUnitDto) {}

export const ADMIN_UNIT_SORT = defineSort(
  {
    // Provinces, then districts, then communes; codes by their number (918 after 92).
    level: `CASE r.level WHEN 'province' THEN 1 WHEN 'district' THEN 2 ELSE 3 END`,
    name: 'r.name',
    code: `lpad(r.code, 10, '0')`,
    validFrom: 'r.validFrom',
    createdAt: 'r.createdAt',
  },
  { default: 'level,name' },
);

export class AdminUnitQueryDto extends DeletableListQueryDto {
  @ApiPropertyOptional({ enum: ADMIN_LEVELS })
  @IsOptional()
  @IsIn(ADMIN_LEVELS)
  level?: AdminLevel;

  @ApiPropertyOptional({ enum: ADMIN_SUBTYPES })
  @IsOptional()
  @IsIn(ADMIN_SUBTYPES)
  subtype?: AdminSubtype;

  @IsOptional()
  @IsUUID()
  parentId?: string;

  /** Only units in force on this date (YYYY-MM-DD). */
  @ApiPropertyOptional({ example: '2023-08-08' })
  @IsOptional()
  @IsCalendarDate()
  validOn?: string;

  /** Exact official code. */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  code?: string;

  @SortParam(ADMIN_UNIT_SORT)
  sort?: string;
}
