import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertVersion, sentFields } from '../database/records';
import { Transactions } from '../database/transactions';
import { ConflictError, NotFoundError, RequestValidationError } from '../http/domain-errors';
import { Page, paginate, whereSearch } from '../http/list-query';
import type { Actor } from './actor';
import { revokeTokensOf } from './tokens';
import { toUserDto } from './user.mapper';
import { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { assertAcceptablePassword, hashPassword } from './password';
import type { Role } from './roles';
import { UserEntity } from './user.entity';

const SORT = { username: 'u.username', fullName: 'u.fullName', createdAt: 'u.createdAt' };

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(query: UserQueryDto): Promise<Page<UserDto>> {
    const qb = this.users.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.organisationId) {
      qb.andWhere('u.organisationId = :organisationId', { organisationId: query.organisationId });
    }
    if (query.adminUnitId)
      qb.andWhere('u.adminUnitId = :adminUnitId', { adminUnitId: query.adminUnitId });
    whereSearch(qb, query.q, `f_search_key(u.fullName || ' ' || u.username)`);
    const page = await paginate(qb, query, SORT, 'username');
    return { ...page, items: page.items.map(toUserDto) };
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw new NotFoundError('User', id);
    return toUserDto(user);
  }

  async create(actor: Actor | null, body: CreateUserDto): Promise<UserDto> {
    assertAcceptablePassword(body.password, body.username);
    return this.transactions.run(async (manager) => {
      await this.assertBinding(
        manager,
        body.role,
        body.organisationId ?? null,
        body.adminUnitId ?? null,
      );
      const taken = await manager.exists(UserEntity, {
        where: { username: body.username },
        withDeleted: true,
      });
      if (taken) throw new ConflictError(`The username "${body.username}" is already taken`);
      const user = manager.create(UserEntity, {
        username: body.username,
        passwordHash: await hashPassword(body.password),
        fullName: body.fullName,
        role: body.role,
        organisationId: body.organisationId ?? null,
        adminUnitId: body.adminUnitId ?? null,
        active: body.active ?? true,
        createdBy: actor?.userId ?? null,
        updatedBy: actor?.userId ?? null,
      });
      await manager.save(user);
      const dto = toUserDto(user);
      await this.audit.record(manager, actor, {
        entityType: 'user',
        entityId: user.id,
        action: 'create',
        after: dto,
      });
      return dto;
    });
  }

  /**
   * Changes an account. A new password, deactivation or a change of role or binding ends every
   * token of the user at once, so they sign in again under the new rules.
   */
  async update(
    actor: Actor | null,
    id: string,
    version: number | undefined,
    body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.transactions.run(async (manager) => {
      const user = await manager.findOne(UserEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new NotFoundError('User', id);
      if (version !== undefined) assertVersion(user, version, 'user');
      const before = toUserDto(user);
      const changes = sentFields(body);
      const role = changes.role ?? user.role;
      const organisationId =
        changes.organisationId !== undefined ? changes.organisationId : user.organisationId;
      const adminUnitId =
        changes.adminUnitId !== undefined ? changes.adminUnitId : user.adminUnitId;
      await this.assertBinding(manager, role, organisationId, adminUnitId);
      let endTokens =
        role !== user.role ||
        organisationId !== user.organisationId ||
        adminUnitId !== user.adminUnitId;
      if (changes.password !== undefined) {
        assertAcceptablePassword(changes.password, user.username);
        user.passwordHash = await hashPassword(changes.password);
        endTokens = true;
      }
      if (changes.active === false && user.active) endTokens = true;
      if (changes.fullName !== undefined) user.fullName = changes.fullName;
      if (changes.active !== undefined) user.active = changes.active;
      user.role = role;
      user.organisationId = organisationId;
      user.adminUnitId = adminUnitId;
      user.updatedBy = actor?.userId ?? null;
      await manager.save(user);
      if (endTokens) await revokeTokensOf(manager, user.id);
      const dto = toUserDto(user);
      const action =
        changes.password !== undefined && Object.keys(changes).length === 1
          ? 'reset_password'
          : 'update';
      await this.audit.record(manager, actor, {
        entityType: 'user',
        entityId: user.id,
        action,
        before,
        after: dto,
      });
      return dto;
    });
  }

  /** Resets a password by username (the CLI's `user:reset-password`). */
  async resetPassword(actor: Actor | null, username: string, password: string): Promise<UserDto> {
    const user = await this.users.findOne({ where: { username: username.toLowerCase() } });
    if (!user) throw new NotFoundError(`User "${username}"`);
    return this.update(actor, user.id, undefined, { password });
  }

  /** Unit staff belong to an organisation; district officers to a district or commune. */
  private async assertBinding(
    manager: EntityManager,
    role: Role,
    organisationId: string | null,
    adminUnitId: string | null,
  ): Promise<void> {
    if (role === 'unit_staff' && !organisationId) {
      throw RequestValidationError.field('organisationId', 'is required for unit_staff');
    }
    if (role === 'district_officer' && !adminUnitId) {
      throw RequestValidationError.field('adminUnitId', 'is required for district_officer');
    }
    if (role !== 'district_officer' && adminUnitId) {
      throw RequestValidationError.field('adminUnitId', 'is only for district_officer');
    }
    if (organisationId) {
      const rows: unknown[] = await manager.query(
        'SELECT 1 FROM organisation WHERE id = $1 AND deleted_at IS NULL',
        [organisationId],
      );
      if (rows.length === 0)
        throw RequestValidationError.field('organisationId', 'no organisation has this id');
    }
    if (adminUnitId) {
      const rows: { level: string }[] = await manager.query(
        'SELECT level FROM admin_unit WHERE id = $1 AND deleted_at IS NULL',
        [adminUnitId],
      );
      if (rows.length === 0)
        throw RequestValidationError.field('adminUnitId', 'no administrative unit has this id');
      if (rows[0].level === 'province') {
        throw RequestValidationError.field(
          'adminUnitId',
          'must be a district or a commune, not a province',
        );
      }
    }
  }
}
