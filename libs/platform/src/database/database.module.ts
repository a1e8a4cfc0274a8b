import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { connectWithRetry } from './connect';
import { buildDataSourceOptions, DatabaseSchema } from './data-source-options';
import { runMigrationsLocked } from './migrate';

export interface DatabaseModuleOptions {
  /** The database's URL, or its promise: the modules are put together while the database opens. */
  url: string | Promise<string>;
  schema: DatabaseSchema;
  poolSize: number;
  connectTimeoutS: number;
  runMigrations: boolean;
}

/** TypeORM on the one DataSource definition, connected with back-off and migrated under a lock. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    const logger = new Logger('Database');
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...buildDataSourceOptions(await options.url, options.schema, {
              poolSize: options.poolSize,
            }),
            // Our own loop retries with back-off; Nest's fixed-delay retry stays off.
            retryAttempts: 0,
          }),
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = await connectWithRetry(dataSourceOptions!, {
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
            return dataSource;
          },
        }),
      ],
    };
  }
}
