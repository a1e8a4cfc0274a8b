import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DeletableListQueryDto, defineSort, RecordDto, SortParam } from '@app/platform';

export class PersonDto extends RecordDto {
  @ApiProperty({ example: 'Trần Hoài Phương' })
  fullName: string;
  @ApiProperty({ type: String, nullable: true, example: 'Phó Giám đốc Sở' })
  position: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId: string | null;
  @ApiProperty({ type: String, nullable: true })
  email: string | null;
  @ApiProperty({ type: String, nullable: true })
  phone: string | null;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Nguyễn Văn Khánh' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Phó Chủ tịch UBND quận' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  position?: string | null;

  /** District officers may only add people of an organisation of their district. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '0292 3820674' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 .()-]{6,20}$/, {
    message: 'must be a phone number (digits, spaces, + . ( ) -)',
  })
  phone?: string | null;

  /**
   * true: this is a different person from the one of the same name already in the same organisation (without it,
   * such a duplicate is refused with 409).
   */
  @ApiPropertyOptional({ example: false, writeOnly: true })
  @IsOptional()
  @IsBoolean()
  confirmDistinct?: boolean;
}

export class UpdatePersonDto extends PartialType(CreatePersonDto) {}

export const PERSON_SORT = defineSort(
  { fullName: 'r.fullName', createdAt: 'r.createdAt' },
  { default: 'fullName' },
);

export class PersonQueryDto extends DeletableListQueryDto {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @SortParam(PERSON_SORT)
  sort?: string;
}
