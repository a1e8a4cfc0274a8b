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
import { IsSort, ListQueryDto, RecordDto, ToBoolean } from '@app/platform';
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
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export const ORGANISATION_SORTS = ['name', 'kind', 'createdAt'] as const;

export class OrganisationQueryDto extends ListQueryDto {
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

  /** true: only deleted organisations (to restore one). */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  deleted?: boolean;

  @ApiPropertyOptional({
    description: `Comma-separated; prefix - for descending. Fields: ${ORGANISATION_SORTS.join(', ')}`,
    example: 'name',
  })
  @IsOptional()
  @IsSort(ORGANISATION_SORTS)
  sort?: string;
}
