import type { Pool } from 'pg';
import type * as Flexible from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../http/domain-errors';

// The PostgreSQL limiter alone: the package's index loads every store it supports (Redis, Mongo,
// DynamoDB, … about 80 modules and 9 MB of the server's memory) for the one used here.
/* eslint-disable @typescript-eslint/no-require-imports */
const RateLimiterPostgres =
  require('rate-limiter-flexible/lib/RateLimiterPostgres') as typeof Flexible.RateLimiterPostgres;
const RateLimiterRes =
  require('rate-limiter-flexible/lib/RateLimiterRes') as typeof Flexible.RateLimiterRes;
/* eslint-enable @typescript-eslint/no-require-imports */
type RateLimiterPostgres = Flexible.RateLimiterPostgres;
type RateLimiterRes = Flexible.RateLimiterRes;

export interface LoginThrottleOptions {
  maxFailuresPerUsername: number;
  maxFailuresPerAddress: number;
  lockoutS: number;
}

/** Attempts after which each further one for that username is made to wait. */
const SLOW_AFTER = 3;
const SLOW_STEP_MS = 400;
const SLOW_MAX_MS = 3000;

/**
 * Password attempts (sign-in, and a password change's current password) counted per username and
 * per client address in PostgreSQL (`login_throttle`), so every replica sees the same counts.
 * Each attempt is counted before its password is checked, in one atomic statement (INSERT … ON
 * CONFLICT … RETURNING), so twenty parallel guesses are twenty attempts: past the limit they are
 * refused with 429 without being checked. A success clears the username's count and gives the
 * address its attempt back; a few failures slow each attempt, reaching the limit locks the key for
 * the whole lockout.
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

  /**
   * Counts one attempt for the username and the address; refuses it (429) past either limit,
   * else waits as long as the username's earlier attempts ask. Call before checking the password.
   */
  async attempt(username: string, address: string): Promise<void> {
    const [user, addr] = await Promise.allSettled([
      this.byUsername.consume(username),
      this.byAddress.consume(address),
    ]);
    const refused = [user, addr]
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as unknown);
    const storeError = refused.find((reason) => !(reason instanceof RateLimiterRes));
    if (storeError) throw storeError as Error;
    if (refused.length > 0) {
      const waitMs = Math.max(...refused.map((res) => (res as RateLimiterRes).msBeforeNext));
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new TooManyRequestsError(
        `Too many failed password attempts; try again in ${Math.ceil(seconds / 60)} minute(s)`,
        seconds,
      );
    }
    const earlier = (user as PromiseFulfilledResult<RateLimiterRes>).value.consumedPoints - 1;
    if (earlier >= SLOW_AFTER) {
      const delay = Math.min((earlier - SLOW_AFTER + 1) * SLOW_STEP_MS, SLOW_MAX_MS);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** The attempt failed: reaching a limit locks that key for the whole lockout from now. */
  async failed(username: string, address: string): Promise<void> {
    const [user, addr] = await Promise.all([
      this.byUsername.get(username),
      this.byAddress.get(address),
    ]);
    await Promise.all([
      user && user.consumedPoints >= this.options.maxFailuresPerUsername
        ? this.byUsername.block(username, this.options.lockoutS)
        : undefined,
      addr && addr.consumedPoints >= this.options.maxFailuresPerAddress
        ? this.byAddress.block(address, this.options.lockoutS)
        : undefined,
    ]);
  }

  /** The attempt succeeded: the username starts afresh and the address gets its attempt back. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([this.byUsername.delete(username), this.byAddress.reward(address, 1)]);
  }
}
