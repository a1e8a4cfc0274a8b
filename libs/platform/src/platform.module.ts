import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { RecordWriter } from './database/record-writer';
import { Transactions } from './database/transactions';
import { HealthController } from './health/health.controller';
import { Clock, SystemClock } from './time/clock';

/** What every feature module injects: the validated configuration, the clock, transactions. */
@Global()
@Module({})
export class PlatformModule {
  /** `clock` replaces the system clock (tests stand at a chosen instant). */
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: PlatformModule,
      imports: [AuditModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        Transactions,
        RecordWriter,
      ],
      exports: [APP_CONFIG, Clock, Transactions, RecordWriter, AuditModule],
    };
  }
}
