import { In, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

/** The full names of the users who made some changes, in one query (deactivated ones too). */
export async function loadUserNames(
  manager: EntityManager,
  ids: Iterable<string | null>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map();
  const users = await manager.find(UserEntity, {
    where: { id: In(wanted) },
    select: { id: true, fullName: true },
    withDeleted: true,
  });
  return new Map(users.map((u) => [u.id, u.fullName]));
}
