import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DeletableListQueryDto, defineSort, RecordDto, SortParam } from '@app/platform';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation.entity';

export class OrganisationDto extends RecordDto {
  @ApiProperty({ example: 'Sở Khoa học và Công nghệ thành phố Cần Thơ' })
  name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Sở KH&CN' })
  shortName: string | null;
  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind: OrganisationKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  adminUnitId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId: string | null;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  shortName?: string | null;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  /** Where it sits. District officers may only create organisations of their district. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  adminUnitId?: string | null;

  /** The organisation it belongs to (a centre → the Department; an office → a district committee). */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  /**
   * true: this is a different organisation from the one of the same name already in the same administrative unit (without it,
   * such a duplicate is refused with 409).
   */
  @ApiPropertyOptional({ example: false, writeOnly: true })
  @IsOptional()
  @IsBoolean()
  confirmDistinct?: boolean;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export const ORGANISATION_SORT = defineSort(
  { name: 'r.name', kind: 'r.kind', createdAt: 'r.createdAt' },
  { default: 'name' },
);

export class OrganisationQueryDto extends DeletableListQueryDto {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @IsOptional()
  @IsUUID()
  adminUnitId?: string;

  @IsOptional()
  @IsUUID()
  parentId?: string;

  @SortParam(ORGANISATION_SORT)
  sort?: string;
}
