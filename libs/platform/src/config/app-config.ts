import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotIn,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { resolveDataDir } from './data-dir';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** Passwords the documentation ever showed as examples: copied literally, anyone could guess them. */
const DOCUMENTED_EXAMPLE_PASSWORDS = ['choose a long password'];

/** A size as BODY_LIMIT takes it: `2048b`, `500kb`, `1mb`. */
const SIZE = /^(\d+)(b|kb|mb)$/i;
const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 * 1024 };

function sizeInBytes(size: string): number {
  const [, amount, unit] = SIZE.exec(size)!;
  return Number(amount) * UNIT_BYTES[unit.toLowerCase() as keyof typeof UNIT_BYTES];
}

/** The environment as the app reads it. Every variable is documented in .env.example. */
class EnvironmentVariables {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;
  @IsOptional() @IsString() @MinLength(1) DATA_DIR?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535) EMBEDDED_POSTGRES_PORT?: number;
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @IsNotIn(DOCUMENTED_EXAMPLE_PASSWORDS, {
    message:
      'is the example from the documentation: choose your own, or leave ADMIN_PASSWORD unset and a strong one is generated and printed at the first start',
  })
  ADMIN_PASSWORD?: string;
  @IsOptional() @IsIn(LOG_LEVELS) LOG_LEVEL?: LogLevel;
  @IsOptional() @Transform(toBoolean) @IsBoolean() LOG_PRETTY?: boolean;
  @IsOptional() @Transform(toBoolean) @IsBoolean() RUN_MIGRATIONS?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3600) DATABASE_CONNECT_TIMEOUT_S?: number;
  @IsOptional() @IsString() CORS_ORIGINS?: string;
  @IsOptional()
  @Matches(SIZE, { message: 'must be a size such as 1mb or 500kb' })
  BODY_LIMIT?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) RATE_LIMIT_PER_MINUTE?: number;
  @IsOptional() @IsString() TRUST_PROXY?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(60) @Max(2592000) TOKEN_TTL_S?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) LOGIN_MAX_FAILURES?: number;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_ADDRESS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86400) LOGIN_LOCKOUT_S?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) @Max(600000) SHUTDOWN_TIMEOUT_MS?: number;
}

export interface AppConfig {
  port: number;
  host: string;
  /** Set: a PostgreSQL server. Unset: the embedded PostgreSQL in `dataDir/postgres`. */
  databaseUrl?: string;
  dataDir: string;
  /** Fixed port for the embedded server; unset picks a free one at each start. */
  embeddedPostgresPort?: number;
  adminPassword?: string;
  logLevel: LogLevel;
  logPretty: boolean;
  runMigrations: boolean;
  databasePoolSize: number;
  /** How long the start waits for the database, retrying with back-off, before it gives up. */
  databaseConnectTimeoutS: number;
  corsOrigins: string[];
  bodyLimit: string;
  /** The same, in bytes. */
  bodyLimitBytes: number;
  /** Requests per minute per client address and replica; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Express `trust proxy` (e.g. `loopback` or a hop count) so client addresses are right behind a proxy. */
  trustProxy: string | number | boolean;
  tokenTtlS: number;
  loginMaxFailures: number;
  loginMaxFailuresPerAddress: number;
  loginLockoutS: number;
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {}

function parseTrustProxy(value: string | undefined): string | number | boolean {
  if (value === undefined) return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** Validates the environment once; a wrong value stops the start with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const vars = plainToInstance(EnvironmentVariables, present);
  const errors = validateSync(vars, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `${e.property}=${JSON.stringify(e.property === 'ADMIN_PASSWORD' ? '***' : e.value)}: ${Object.values(
          e.constraints ?? {},
        ).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return {
    port: vars.PORT ?? 3000,
    host: vars.HOST ?? '0.0.0.0',
    databaseUrl: vars.DATABASE_URL,
    dataDir: resolveDataDir(vars.DATA_DIR),
    embeddedPostgresPort: vars.EMBEDDED_POSTGRES_PORT,
    adminPassword: vars.ADMIN_PASSWORD,
    logLevel: vars.LOG_LEVEL ?? 'info',
    logPretty: vars.LOG_PRETTY ?? false,
    runMigrations: vars.RUN_MIGRATIONS ?? true,
    databasePoolSize: vars.DATABASE_POOL_SIZE ?? 10,
    databaseConnectTimeoutS: vars.DATABASE_CONNECT_TIMEOUT_S ?? 60,
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0),
    bodyLimit: vars.BODY_LIMIT ?? '1mb',
    bodyLimitBytes: sizeInBytes(vars.BODY_LIMIT ?? '1mb'),
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE ?? 600,
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    tokenTtlS: vars.TOKEN_TTL_S ?? 8 * 3600,
    loginMaxFailures: vars.LOGIN_MAX_FAILURES ?? 10,
    loginMaxFailuresPerAddress: vars.LOGIN_MAX_FAILURES_PER_ADDRESS ?? 100,
    loginLockoutS: vars.LOGIN_LOCKOUT_S ?? 15 * 60,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS ?? 10000,
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
