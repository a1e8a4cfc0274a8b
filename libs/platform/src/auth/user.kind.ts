import type { RecordKind } from '../database/record-kind';
import type { UserDto } from './dto/user.dto';
import { toUserDto } from './user.mapper';
import { UserEntity } from './user.entity';

/** Accounts on the shared write path: every change versioned and audited (never the hash). */
export const USER: RecordKind<UserEntity, UserDto> = {
  entityType: 'user',
  label: 'User',
  entity: UserEntity,
  toDto: toUserDto,
  scopes: {},
  describe: (user) => user.username,
};
