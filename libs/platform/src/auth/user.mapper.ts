import { vietnamInstant } from '../time/clock';
import type { UserDto } from './dto/user.dto';
import type { UserEntity } from './user.entity';

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    organisationId: user.organisationId,
    adminUnitId: user.adminUnitId,
    active: user.active,
    createdAt: vietnamInstant(user.createdAt),
    updatedAt: vietnamInstant(user.updatedAt),
    version: user.version,
  };
}
