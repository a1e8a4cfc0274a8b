import pg from 'pg';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { applicationName } from './embedded/embedded-postgres';

export interface DatabaseSchema {
  // TypeORM types its own list loosely; entities are classes listed explicitly, never globs.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * The one DataSource definition: the API, the CLI, the migration commands and the tests all build
 * their connection here. The schema changes only through migrations; `synchronize` stays off.
 */
export function buildDataSourceOptions(
  url: string,
  schema: DatabaseSchema,
  options: { poolSize?: number; logging?: boolean } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    // Given, not loaded by TypeORM by name: in the bundle (scripts/bundle.js) that would be a second
    // copy of pg from node_modules, not the one whose type parsers the app sets (prepared.ts).
    driver: pg,
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Extensions are created by the first migration; gen_random_uuid() is built into PostgreSQL 13+.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    // Failed statements are expected (a duplicate is a 409); the error filter logs what is not.
    logging: options.logging ? ['query', 'error'] : false,
    applicationName: applicationName(),
    poolSize: options.poolSize ?? 10,
    extra: {
      // Fail fast when the server is down, so requests answer 503 instead of hanging.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    },
  };
}
