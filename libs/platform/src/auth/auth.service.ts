import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { RequestValidationError, UnauthorizedError } from '../http/domain-errors';
import { Clock } from '../time/clock';
import { AccessTokenEntity } from './access-token.entity';
import type { Actor } from './actor';
import { ChangePasswordDto, LoginResponseDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import {
  assertAcceptablePassword,
  hashPassword,
  verifyAgainstNothing,
  verifyPassword,
} from './password';
import type { Role } from './roles';
import { hashToken, newToken, revokeTokensOf } from './tokens';
import { UserEntity } from './user.entity';
import { toUserDto } from './user.mapper';

const INVALID_CREDENTIALS = 'Invalid username or password';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private throttle?: LoginThrottle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** First start on an empty database with ADMIN_PASSWORD set: the account `admin` is created. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.adminPassword) return;
    const created = await createFirstAdmin(
      this.dataSource,
      this.transactions,
      this.audit,
      this.config.adminPassword,
    );
    if (created) this.logger.log('Created the account "admin" from ADMIN_PASSWORD');
  }

  private loginThrottle(): LoginThrottle {
    this.throttle ??= new LoginThrottle(
      (this.dataSource.driver as unknown as { master: Pool }).master,
      {
        maxFailuresPerUsername: this.config.loginMaxFailures,
        maxFailuresPerAddress: this.config.loginMaxFailuresPerAddress,
        lockoutS: this.config.loginLockoutS,
      },
    );
    return this.throttle;
  }

  async login(rawUsername: string, password: string, address: string): Promise<LoginResponseDto> {
    const username = rawUsername.trim().toLowerCase();
    const throttle = this.loginThrottle();
    await throttle.beforeAttempt(username, address);
    const user = await this.dataSource.getRepository(UserEntity).findOne({
      where: { username, active: true },
    });
    const valid = user
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstNothing(password);
    if (!user || !valid) {
      await throttle.failed(username, address);
      throw new UnauthorizedError(INVALID_CREDENTIALS);
    }
    await throttle.succeeded(username);
    const token = newToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.config.tokenTtlS * 1000);
    await this.dataSource.getRepository(AccessTokenEntity).insert({
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt,
    });
    return {
      accessToken: token,
      tokenType: 'Bearer',
      expiresIn: this.config.tokenTtlS,
      user: toUserDto(user),
    };
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource
      .getRepository(AccessTokenEntity)
      .update({ id: actor.tokenId }, { revokedAt: () => 'now()' });
  }

  /** The caller behind a bearer token, in one indexed query; undefined when it is not valid now. */
  async authenticate(token: string): Promise<Actor | undefined> {
    const rows = await this.dataSource.query<
      {
        token_id: string;
        user_id: string;
        username: string;
        role: Role;
        organisation_id: string | null;
        admin_unit_id: string | null;
      }[]
    >(
      `SELECT t.id AS token_id, u.id AS user_id, u.username, u.role, u.organisation_id, u.admin_unit_id
         FROM access_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2
          AND u.active AND u.deleted_at IS NULL`,
      [hashToken(token), this.clock.now()],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      tokenId: row.token_id,
      userId: row.user_id,
      username: row.username,
      role: row.role,
      organisationId: row.organisation_id,
      adminUnitId: row.admin_unit_id,
    };
  }

  /** A user changes their own password; every token of theirs, this one included, ends. */
  async changePassword(actor: Actor, body: ChangePasswordDto): Promise<void> {
    await this.transactions.run(async (manager) => {
      const user = await manager.findOneOrFail(UserEntity, {
        where: { id: actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        throw RequestValidationError.field('currentPassword', 'is not your current password');
      }
      assertAcceptablePassword(body.newPassword, user.username, 'newPassword');
      const before = toUserDto(user);
      user.passwordHash = await hashPassword(body.newPassword);
      user.updatedBy = actor.userId;
      await manager.save(user);
      await revokeTokensOf(manager, user.id);
      await this.audit.record(manager, actor, {
        entityType: 'user',
        entityId: user.id,
        action: 'change_password',
        before,
        after: toUserDto(user),
      });
    });
  }
}

/** Creates `admin` when no account exists; true when it did. Safe when replicas start together. */
export async function createFirstAdmin(
  dataSource: DataSource,
  transactions: Transactions,
  audit: AuditService,
  password: string,
): Promise<boolean> {
  assertAcceptablePassword(password, 'admin', 'ADMIN_PASSWORD');
  return transactions.run(async (manager) => {
    // One replica at a time decides; the others then see the account.
    await manager.query('SELECT pg_advisory_xact_lock(727274202502)');
    if ((await manager.count(UserEntity, { withDeleted: true })) > 0) return false;
    const user = manager.create(UserEntity, {
      username: 'admin',
      passwordHash: await hashPassword(password),
      fullName: 'Administrator',
      role: 'admin',
      organisationId: null,
      adminUnitId: null,
      active: true,
    });
    await manager.save(user);
    await audit.record(manager, null, {
      entityType: 'user',
      entityId: user.id,
      action: 'create',
      after: toUserDto(user),
    });
    return true;
  });
}
