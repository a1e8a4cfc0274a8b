import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import {
  type AppConfig,
  type Clock,
  configureApp,
  createFirstAdmin,
  fastifyOptions,
  generatePassword,
  RecordWriter,
} from '@app/platform';
import { AppModule } from './app.module';

export { DomainError } from '@app/platform';

/**
 * The API on a database URL, configured exactly as it runs in production (tests use this too). It
 * connects and migrates in `app.init()`, once `databaseReachable` (if given) has settled.
 */
export async function createApiApp(
  config: AppConfig,
  databaseUrl: string | Promise<string>,
  clock?: Clock,
  databaseReachable?: Promise<unknown>,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, databaseUrl, databaseReachable, clock }),
    // Given explicitly rather than discovered: the discovery's dynamic require escapes Jest.
    new FastifyAdapter(fastifyOptions(config)),
    // The body parsers are the app's own (configureApp): JSON only.
    { bodyParser: false, bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  await configureApp(app, config);
  return app;
}

/**
 * No ADMIN_PASSWORD and no account at all (the first start): `admin` gets a generated password
 * (or the one given, generated earlier), returned to be shown once. With accounts already there,
 * nothing happens.
 */
export async function createGeneratedAdmin(
  app: INestApplication,
  password = generatePassword('admin'),
): Promise<string | undefined> {
  const created = await createFirstAdmin(app.get(RecordWriter), password);
  return created ? password : undefined;
}
