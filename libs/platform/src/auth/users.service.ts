import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RecordWriter } from '../database/record-writer';
import { ConflictError, NotFoundError, RequestValidationError } from '../http/domain-errors';
import type { Target } from '../http/target';
import { Page, paginate, whereSearch } from '../http/list-query';
import { sentFields } from '../http/patch';
import { CheckedTokens } from './checked-tokens';
import { AccountBindings, type AccountBinding } from './account-bindings';
import type { Actor } from './actor';
import { CreateUserDto, UpdateUserDto, USER_SORT, UserDto, UserQueryDto } from './dto/user.dto';
import { assertAcceptablePassword, hashPassword } from './password';
import { revokeTokensOf } from './tokens';
import { UserEntity } from './user.entity';
import { USER } from './user.kind';
import { toUserDto } from './user.mapper';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly writer: RecordWriter,
    private readonly bindings: AccountBindings,
    private readonly checked: CheckedTokens,
  ) {}

  async list(query: UserQueryDto): Promise<Page<UserDto>> {
    const qb = this.users.createQueryBuilder('r');
    if (query.role) qb.andWhere('r.role = :role', { role: query.role });
    if (query.active !== undefined) qb.andWhere('r.active = :active', { active: query.active });
    if (query.organisationId) {
      qb.andWhere('r.organisationId = :organisationId', { organisationId: query.organisationId });
    }
    if (query.adminUnitId)
      qb.andWhere('r.adminUnitId = :adminUnitId', { adminUnitId: query.adminUnitId });
    whereSearch(qb, query.q, {
      key: `f_search_key(r.fullName || ' ' || r.username)`,
      text: 'r.fullName',
    });
    const page = await paginate(qb, query, USER_SORT);
    return { ...page, items: page.items.map(toUserDto) };
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw new NotFoundError('User', id);
    return toUserDto(user);
  }

  async create(actor: Actor, body: CreateUserDto): Promise<UserDto> {
    assertAcceptablePassword(body.password, body.username);
    return this.writer.create(actor, USER, async (tx) => {
      const binding: AccountBinding = {
        role: body.role,
        organisationId: body.organisationId ?? null,
        adminUnitId: body.adminUnitId ?? null,
      };
      await this.assertBinding(tx.manager, binding);
      const taken = await tx.manager.exists(UserEntity, {
        where: { username: body.username },
        withDeleted: true,
      });
      if (taken) throw new ConflictError(`The username "${body.username}" is already taken`);
      return tx.manager.create(UserEntity, {
        username: body.username,
        passwordHash: await hashPassword(body.password),
        fullName: body.fullName,
        ...binding,
        active: body.active ?? true,
      });
    });
  }

  /**
   * Changes an account. A new password, deactivation or a change of role or binding ends every
   * token of the user at once, so they sign in again under the new rules.
   */
  async update({ actor, id, ifMatch }: Target, body: UpdateUserDto): Promise<UserDto> {
    const changes = sentFields(body);
    const changed = await this.writer.run(actor, async (tx) => {
      const user = await tx.lock(USER, id, { ifMatch });
      const binding: AccountBinding = {
        role: changes.role ?? user.role,
        organisationId:
          changes.organisationId !== undefined ? changes.organisationId : user.organisationId,
        adminUnitId: changes.adminUnitId !== undefined ? changes.adminUnitId : user.adminUnitId,
      };
      await this.assertBinding(tx.manager, binding);
      let endTokens =
        binding.role !== user.role ||
        binding.organisationId !== user.organisationId ||
        binding.adminUnitId !== user.adminUnitId ||
        (changes.active === false && user.active);
      if (changes.password !== undefined) {
        assertAcceptablePassword(changes.password, user.username);
        endTokens = true;
      }
      const passwordHash =
        changes.password !== undefined ? await hashPassword(changes.password) : undefined;
      const action =
        changes.password !== undefined && Object.keys(changes).length === 1
          ? 'reset_password'
          : 'update';
      const dto = await tx.change(
        USER,
        user,
        (u) => {
          Object.assign(u, binding);
          if (passwordHash !== undefined) u.passwordHash = passwordHash;
          if (changes.fullName !== undefined) u.fullName = changes.fullName;
          if (changes.active !== undefined) u.active = changes.active;
        },
        { action },
      );
      if (endTokens) await revokeTokensOf(tx.manager, user.id);
      return dto;
    });
    // Other processes hear of it from PostgreSQL; this one forgets at once.
    this.checked.forgetAll();
    return changed;
  }

  /** Resets a password by username (the CLI's `user:reset-password`). */
  async resetPassword(actor: Actor, username: string, password: string): Promise<UserDto> {
    const user = await this.users.findOne({ where: { username: username.toLowerCase() } });
    if (!user) throw new NotFoundError(`User "${username}"`);
    return this.update({ actor, id: user.id, ifMatch: undefined }, { password });
  }

  /**
   * Unit staff belong to an organisation; district officers to a district or commune; and what
   * they are bound to must exist (the registry checks that).
   */
  private async assertBinding(
    manager: Parameters<AccountBindings['check']>[0],
    binding: AccountBinding,
  ): Promise<void> {
    if (binding.role === 'unit_staff' && !binding.organisationId) {
      throw RequestValidationError.field('organisationId', 'is required for unit_staff');
    }
    if (binding.role === 'district_officer' && !binding.adminUnitId) {
      throw RequestValidationError.field('adminUnitId', 'is required for district_officer');
    }
    if (binding.role !== 'district_officer' && binding.adminUnitId) {
      throw RequestValidationError.field('adminUnitId', 'is only for district_officer');
    }
    await this.bindings.check(manager, binding);
  }
}
