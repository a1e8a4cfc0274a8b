import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  DeletableListQueryDto,
  defineSort,
  FollowUpTaskDto,
  RecordDto,
  SortParam,
  ToBoolean,
  ToInteger,
} from '@app/platform';
import { AdminUnitRefDto } from '@app/registry';
import { StCertificateDto } from '../../certificates/dto/st-certificate.dto';
import { SupportNeedDto } from '../../support-needs/dto/support-need.dto';
import { IsTaxCode, IsVietnamesePhone } from '../../validation/validators';
import { LEGAL_FORMS, type LegalForm } from '../enterprise.entity';

export class EnterpriseDto extends RecordDto {
  @ApiProperty({ example: 'Công ty TNHH sản xuất nhập khẩu Moringa Cần Thơ' })
  name: string;
  /** Mã số thuế: 10 digits, or NNNNNNNNNN-NNN for a branch; null when not known. */
  @ApiProperty({ type: String, nullable: true, example: null })
  taxCode: string | null;
  /** llc (TNHH), joint_stock (cổ phần), private (tư nhân), partnership (hợp danh), cooperative (hợp tác xã), other. */
  @ApiProperty({ enum: LEGAL_FORMS })
  legalForm: LegalForm;
  @ApiProperty({ type: String, nullable: true })
  address: string | null;
  /** The district or ward/commune it lies in. */
  @ApiProperty({ format: 'uuid' })
  adminUnitId: string;
  /** The unit, named. */
  adminUnit: AdminUnitRefDto;
  @ApiProperty({ type: String, nullable: true, example: 'Dược liệu, thực phẩm chức năng' })
  sector: string | null;
  /** The person to contact. */
  @ApiProperty({ type: String, nullable: true })
  contactName: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0292 3 123 456' })
  phone: string | null;
  @ApiProperty({ type: String, nullable: true })
  email: string | null;
  @ApiProperty({ type: String, nullable: true })
  website: string | null;
  /** Holds a valid S&T enterprise certificate now (read only). */
  @ApiProperty({ example: true })
  certified: boolean;
}

/** One enterprise whole: its certificates, the needs still open and the tasks about it. */
export class EnterpriseDetailDto extends EnterpriseDto {
  /** Every certificate (valid, revoked, expired), newest first. */
  @ApiProperty({ type: [StCertificateDto] })
  certificates: StCertificateDto[];
  /** The support needs still to act on (reported or confirmed), oldest first. */
  @ApiProperty({ type: [SupportNeedDto] })
  openSupportNeeds: SupportNeedDto[];
  /** The follow-up tasks whose subject is this enterprise, oldest first. */
  @ApiProperty({ type: [FollowUpTaskDto] })
  tasks: FollowUpTaskDto[];
}

export class CreateEnterpriseDto {
  @ApiProperty({ example: 'Công ty TNHH sản xuất nhập khẩu Moringa Cần Thơ' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  name: string;

  /** 10 digits with a valid check digit, or NNNNNNNNNN-NNN for a branch; unique among enterprises. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '0314409058' })
  @IsOptional()
  @IsTaxCode()
  taxCode?: string | null;

  @ApiProperty({ enum: LEGAL_FORMS })
  @IsIn(LEGAL_FORMS)
  legalForm: LegalForm;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  address?: string | null;

  /** A district or a ward/commune (not a province); for a district officer, theirs. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  adminUnitId: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  sector?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  /** A Vietnamese number: 0912 345 678, 0292 3 123 456, +84 912 345 678, 1800 1234. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '0292 3 123 456' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsVietnamesePhone()
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'lienhe@example.vn' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  /** http(s) address. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://example.vn' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be a web address starting with http:// or https://' },
  )
  website?: string | null;
}

export class UpdateEnterpriseDto extends PartialType(CreateEnterpriseDto) {}

export const ENTERPRISE_SORT = defineSort(
  { name: 'r.name', createdAt: 'r.createdAt', updatedAt: 'r.updatedAt' },
  { default: 'name' },
);

export class EnterpriseQueryDto extends DeletableListQueryDto {
  /** Enterprises in this unit, or in the communes of this district. */
  @IsOptional()
  @IsUUID()
  adminUnitId?: string;

  /** true: holding a valid S&T enterprise certificate now; false: not. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  certified?: boolean;

  /** Holding a certificate valid on at least one day of this year. */
  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(2000)
  @Max(2100)
  certifiedInYear?: number;

  @ApiPropertyOptional({ enum: LEGAL_FORMS })
  @IsOptional()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  /** Words of the sector, in any order, diacritics ignored ("duoc lieu"). */
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sector?: string;

  @SortParam(ENTERPRISE_SORT)
  sort?: string;
}
