import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { queryPrepared } from '../database/prepared';
import { RecordWriter } from '../database/record-writer';
import { RequestValidationError, UnauthorizedError } from '../http/domain-errors';
import { Clock } from '../time/clock';
import { AccessTokenEntity } from './access-token.entity';
import { CheckedTokens } from './checked-tokens';
import { type Actor, SYSTEM_ACTOR } from './actor';
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
import { USER } from './user.kind';
import { toUserDto } from './user.mapper';

const INVALID_CREDENTIALS = 'Invalid username or password';

/** A valid token's user, before the route adds what it lets them reach. */
export type SignedInUser = Omit<Actor, 'requestId' | 'scopes' | 'seesDeleted' | 'role'> & {
  userId: string;
  role: Role;
};

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private throttle?: LoginThrottle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly checked: CheckedTokens<SignedInUser>,
  ) {}

  /** First start on an empty database with ADMIN_PASSWORD set: the account `admin` is created. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.adminPassword) return;
    const created = await createFirstAdmin(this.writer, this.config.adminPassword);
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
    await throttle.attempt(username, address);
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
    await throttle.succeeded(username, address);
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
      .update({ id: actor.tokenId! }, { revokedAt: () => 'now()' });
    // Other processes hear of it from PostgreSQL; this one forgets at once.
    this.checked.forgetAll();
  }

  /**
   * The caller behind a bearer token; undefined when it is not valid now. Asked of PostgreSQL in
   * one indexed query (a named statement), unless this process checked the token lately and has
   * heard of no change to accounts or tokens since (CheckedTokens).
   */
  async authenticate(token: string): Promise<SignedInUser | undefined> {
    const hash = hashToken(token);
    const now = this.clock.now();
    const kept = this.checked.get(hash, now.getTime());
    if (kept) return kept;
    const generation = this.checked.generation;
    const rows = await queryPrepared<{
      token_id: string;
      expires_at: Date;
      user_id: string;
      username: string;
      role: Role;
      organisation_id: string | null;
      admin_unit_id: string | null;
    }>(
      this.dataSource,
      `SELECT t.id AS token_id, t.expires_at, u.id AS user_id, u.username, u.role,
              u.organisation_id, u.admin_unit_id
         FROM access_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now
          AND u.active AND u.deleted_at IS NULL`,
      { hash, now },
    );
    const row = rows[0];
    if (!row) return undefined;
    const user: SignedInUser = {
      tokenId: row.token_id,
      userId: row.user_id,
      username: row.username,
      role: row.role,
      organisationId: row.organisation_id,
      adminUnitId: row.admin_unit_id,
    };
    this.checked.keep(hash, user, row.expires_at, generation);
    return user;
  }

  /**
   * A user changes their own password; every token of theirs, this one included, ends. The current
   * password is an attempt like a sign-in's, throttled the same way, so a stolen token cannot be
   * used to guess it.
   */
  async changePassword(actor: Actor, body: ChangePasswordDto, address: string): Promise<void> {
    const throttle = this.loginThrottle();
    await throttle.attempt(actor.username, address);
    await this.writer.run(actor, async (tx) => {
      const user = await tx.lock(USER, actor.userId!);
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        await throttle.failed(actor.username, address);
        throw RequestValidationError.field('currentPassword', 'is not your current password');
      }
      assertAcceptablePassword(body.newPassword, user.username, 'newPassword');
      const passwordHash = await hashPassword(body.newPassword);
      await tx.change(
        USER,
        user,
        (u) => {
          u.passwordHash = passwordHash;
        },
        { action: 'change_password' },
      );
      await revokeTokensOf(tx.manager, user.id);
    });
    this.checked.forgetAll();
    await throttle.succeeded(actor.username, address);
  }
}

/** Creates `admin` when no account exists; true when it did. Safe when replicas start together. */
export async function createFirstAdmin(writer: RecordWriter, password: string): Promise<boolean> {
  assertAcceptablePassword(password, 'admin', 'ADMIN_PASSWORD');
  // Every later start ends here, without spending a password hash (~0.4 s of CPU) for nothing.
  if ((await writer.context().manager.count(UserEntity, { withDeleted: true })) > 0) {
    return false;
  }
  const passwordHash = await hashPassword(password);
  return writer.run(SYSTEM_ACTOR, async (tx) => {
    // One replica at a time decides; the others then see the account.
    await tx.manager.query('SELECT pg_advisory_xact_lock(727274202502)');
    if ((await tx.manager.count(UserEntity, { withDeleted: true })) > 0) return false;
    await tx.insert(
      USER,
      tx.manager.create(UserEntity, {
        username: 'admin',
        passwordHash,
        fullName: 'Administrator',
        role: 'admin',
        organisationId: null,
        adminUnitId: null,
        active: true,
      }),
    );
    return true;
  });
}
