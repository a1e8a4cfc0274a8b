import { DynamicModule, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { connectWithRetry } from './connect';
import { buildDataSourceOptions, DatabaseSchema } from './data-source-options';
import { runMigrationsLocked } from './migrate';

export interface DatabaseModuleOptions {
  /** The database's URL, or its promise: the modules are put together while the database opens. */
  url: string | Promise<string>;
  /**
   * Settles once the database can take connections, when that comes after its URL is known (the
   * embedded server of a cluster being made: main.ts).
   */
  reachable?: Promise<unknown>;
  schema: DatabaseSchema;
  poolSize: number;
  connectTimeoutS: number;
  runMigrations: boolean;
}

/**
 * The DataSource's connection and migrations, begun as the DataSource is made and waited for in
 * onModuleInit. Nothing the app's modules do as they are made touches the database (repositories
 * read their entities' metadata when first used), so Nest puts them together, Swagger UI is set up
 * and the routes registered while the database still opens: on a first start, while initdb runs.
 * Every onApplicationBootstrap hook (the first admin, the token listener) and request comes after.
 */
class DatabaseReady implements OnModuleInit {
  private opening: Promise<void> = Promise.resolve();

  begin(opening: Promise<void>): void {
    this.opening = opening;
    // Told by onModuleInit, where app.init() fails on it; not an unhandled rejection before then.
    opening.catch(() => undefined);
  }

  onModuleInit(): Promise<void> {
    return this.opening;
  }
}

/** TypeORM on the one DataSource definition, connected with back-off and migrated under a lock. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const logger = new Logger('Database');
    const ready = new DatabaseReady();
    const open = async (dataSource: DataSource) => {
      await options.reachable;
      await connectWithRetry(dataSource, {
        timeoutS: options.connectTimeoutS,
        log: (message) => logger.warn(message),
      });
      if (options.runMigrations) {
        const applied = await runMigrationsLocked(dataSource);
        if (applied.length > 0) {
          logger.log(
            `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`,
          );
        }
      }
    };
    return {
      module: DatabaseModule,
      providers: [{ provide: DatabaseReady, useValue: ready }],
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...buildDataSourceOptions(await options.url, options.schema, {
              poolSize: options.poolSize,
            }),
            // Our own loop retries with back-off; Nest's fixed-delay retry stays off.
            retryAttempts: 0,
            // Connected by DatabaseReady, once the database is open, not as Nest makes it.
            manualInitialization: true,
          }),
          dataSourceFactory: (dataSourceOptions) => {
            const dataSource = new DataSource(dataSourceOptions!);
            ready.begin(open(dataSource));
            return Promise.resolve(dataSource);
          },
        }),
      ],
    };
  }
}
