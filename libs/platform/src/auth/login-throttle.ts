import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../http/domain-errors';

export interface LoginThrottleOptions {
  maxFailuresPerUsername: number;
  maxFailuresPerAddress: number;
  lockoutS: number;
}

/** Failures after which each further attempt for that username is made to wait. */
const SLOW_AFTER = 3;
const SLOW_STEP_MS = 400;
const SLOW_MAX_MS = 3000;

/**
 * Failed logins counted per username and per client address in PostgreSQL (`login_throttle`), so
 * every replica sees the same counts. A few failures slow each attempt; more refuse it with 429 until
 * the window ends. A success clears the username's count.
 */
export class LoginThrottle {
  private readonly byUsername: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(
    pool: Pool,
    private readonly options: LoginThrottleOptions,
  ) {
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: 'login_throttle',
      tableCreated: true,
      clearExpiredByTimeout: false,
      duration: options.lockoutS,
    };
    this.byUsername = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'login-user',
      points: options.maxFailuresPerUsername,
    });
    this.byAddress = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'login-addr',
      points: options.maxFailuresPerAddress,
    });
  }

  /** Refuses (429) a locked username or address; otherwise waits as long as recent failures ask. */
  async beforeAttempt(username: string, address: string): Promise<void> {
    const [user, addr] = await Promise.all([
      this.byUsername.get(username),
      this.byAddress.get(address),
    ]);
    const locked = [
      [user, this.options.maxFailuresPerUsername] as const,
      [addr, this.options.maxFailuresPerAddress] as const,
    ].filter(([res, max]) => res !== null && res.consumedPoints >= max);
    if (locked.length > 0) {
      const waitMs = Math.max(...locked.map(([res]) => (res as RateLimiterRes).msBeforeNext));
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new TooManyRequestsError(
        `Too many failed sign-in attempts; try again in ${Math.ceil(seconds / 60)} minute(s)`,
        seconds,
      );
    }
    const failures = user?.consumedPoints ?? 0;
    if (failures >= SLOW_AFTER) {
      const delay = Math.min((failures - SLOW_AFTER + 1) * SLOW_STEP_MS, SLOW_MAX_MS);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Counts a failure; reaching the limit locks the key for the whole lockout from now. */
  async failed(username: string, address: string): Promise<void> {
    const [user, addr] = await Promise.all([
      this.byUsername.penalty(username, 1),
      this.byAddress.penalty(address, 1),
    ]);
    await Promise.all([
      user.consumedPoints >= this.options.maxFailuresPerUsername
        ? this.byUsername.block(username, this.options.lockoutS)
        : undefined,
      addr.consumedPoints >= this.options.maxFailuresPerAddress
        ? this.byAddress.block(address, this.options.lockoutS)
        : undefined,
    ]);
  }

  async succeeded(username: string): Promise<void> {
    await this.byUsername.delete(username);
  }
}
