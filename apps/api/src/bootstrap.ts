import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { type AppConfig, type Clock, configureApp } from '@app/platform';
import { AppModule } from './app.module';

/** The API on a database URL, configured exactly as it runs in production (tests use this too). */
export async function createApiApp(
  config: AppConfig,
  databaseUrl: string,
  clock?: Clock,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, databaseUrl, clock }),
    // Given explicitly rather than discovered: the discovery's dynamic require escapes Jest.
    new ExpressAdapter(),
    { bodyParser: false, bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  configureApp(app, config);
  return app;
}
