import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { defineSort, ListQueryDto, SortParam, ToBoolean } from '../../http/list-query';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../password';
import { ROLES, type Role } from '../roles';

export class UserDto {
  id: string;
  @ApiProperty({ example: 'phuong.th' })
  username: string;
  @ApiProperty({ example: 'Trần Hoài Phương' })
  fullName: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  /** Unit staff: their organisation. */
  organisationId: string | null;
  /** District officers: their district or commune. */
  adminUnitId: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export class CreateUserDto {
  /** 3–50 characters: lower-case letters, digits, dot, dash, underscore. */
  @ApiProperty({ example: 'phuong.th' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,49}$/, {
    message: 'must be 3–50 lower-case letters, digits, dots, dashes or underscores',
  })
  username: string;

  /** At least 12 characters, not containing the username. Write-only. */
  @ApiProperty({ writeOnly: true, minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  /** Required for `unit_staff`. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  organisationId?: string | null;

  /** Required for `district_officer`: a district (or, after July 2025, a commune). */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  adminUnitId?: string | null;

  /** Defaults to true. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Every field optional; a new `password` resets it, `active: false` deactivates. Both end the user's tokens. */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username'] as const)) {}

export const USER_SORT = defineSort(
  { username: 'r.username', fullName: 'r.fullName', createdAt: 'r.createdAt' },
  { default: 'username' },
);

export class UserQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsUUID()
  adminUnitId?: string;

  @SortParam(USER_SORT)
  sort?: string;
}
