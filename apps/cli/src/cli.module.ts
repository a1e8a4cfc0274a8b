import { DynamicModule, Module } from '@nestjs/common';
import type { AppModuleOptions } from '../../api/src/app.module';
import { AppModule } from '../../api/src/app.module';
import { AdminUnitsImportCommand } from './commands/admin-units-import.command';
import { BackupCommand, RestoreCommand } from './commands/backup.commands';
import { OrganisationsFindCommand, UnitsFindCommand } from './commands/registry-find.commands';
import { MigrateCommand } from './commands/migrate.command';
import { MigrationGenerateCommand } from './commands/migration-generate.command';
import { SeedDemoCommand } from './commands/seed-demo.command';
import { UserCreateCommand, UserResetPasswordCommand } from './commands/user.commands';
import { EnterprisesDemoSeeder } from './demo/enterprises.demo';
import { IpDemoSeeder } from './demo/ip.demo';
import { ProjectsDemoSeeder } from './demo/projects.demo';
import { RegistryDemoSeeder } from './demo/registry.demo';
import { SessionsDemoSeeder } from './demo/sessions.demo';
import { DemoUsersSeeder } from './demo/users.demo';

/** The admin command line, built on the API's own modules (no migrations at start: `migrate` does them). */
@Module({})
export class CliModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: CliModule,
      imports: [
        AppModule.register({ ...options, config: { ...options.config, runMigrations: false } }),
      ],
      providers: [
        MigrateCommand,
        MigrationGenerateCommand,
        AdminUnitsImportCommand,
        SeedDemoCommand,
        UserCreateCommand,
        UserResetPasswordCommand,
        RegistryDemoSeeder,
        SessionsDemoSeeder,
        EnterprisesDemoSeeder,
        IpDemoSeeder,
        ProjectsDemoSeeder,
        DemoUsersSeeder,
        BackupCommand,
        RestoreCommand,
        UnitsFindCommand,
        OrganisationsFindCommand,
      ],
    };
  }
}
