import { DynamicModule, Module } from '@nestjs/common';
import {
  type AppConfig,
  type Clock,
  AuthModule,
  DatabaseModule,
  loggerModule,
  PlatformModule,
} from '@app/platform';
import { RegistryModule } from '@app/registry';
import { SessionsModule } from '@app/sessions';
import { ProjectsModule } from '@app/projects';
import { EnterprisesModule } from '@app/enterprises';
import { IpModule } from '@app/ip';
import { ReportsModule } from '@app/reports';
import { TasksModule } from '@app/tasks';
import { APP_SCHEMA } from './schema';

export interface AppModuleOptions {
  config: AppConfig;
  /**
   * Where the database is: DATABASE_URL or the embedded server's URL. A promise lets the modules be
   * put together while the database opens (the providers that need it wait for it).
   */
  databaseUrl: string | Promise<string>;
  /** Settles once the database takes connections, where that is after its URL is known (main.ts). */
  databaseReachable?: Promise<unknown>;
  /** Tests pass a fixed clock; the system clock otherwise. */
  clock?: Clock;
}

/** The whole API: the platform, then one module per part of the domain. */
@Module({})
export class AppModule {
  static register({
    config,
    databaseUrl,
    databaseReachable,
    clock,
  }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule(config),
        DatabaseModule.forRoot({
          url: databaseUrl,
          reachable: databaseReachable,
          schema: APP_SCHEMA,
          poolSize: config.databasePoolSize,
          connectTimeoutS: config.databaseConnectTimeoutS,
          runMigrations: config.runMigrations,
        }),
        PlatformModule.forRoot(config, clock),
        AuthModule,
        RegistryModule,
        SessionsModule,
        TasksModule,
        ProjectsModule,
        EnterprisesModule,
        IpModule,
        ReportsModule,
      ],
      // The CLI builds on the same modules and uses their services.
      exports: [
        AuthModule,
        RegistryModule,
        SessionsModule,
        TasksModule,
        ProjectsModule,
        EnterprisesModule,
        IpModule,
        ReportsModule,
      ],
    };
  }
}
