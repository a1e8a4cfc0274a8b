import pino from 'pino';
import {
  ConfigError,
  DomainError,
  EmbeddedDatabaseError,
  loadConfig,
  openDatabase,
} from '@app/platform';
import { createApiApp } from './bootstrap';

/**
 * Starts the API: validated configuration, the database (DATABASE_URL or the embedded PostgreSQL in
 * DATA_DIR), then HTTP. SIGTERM/SIGINT drain in-flight requests, close the pool, then stop the
 * embedded server.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = pino({ level: config.logLevel, name: 'bootstrap' });

  let database;
  try {
    database = await openDatabase(config, (message) => log.info(message));
  } catch (error) {
    log.fatal(
      error instanceof EmbeddedDatabaseError ? error.message : { err: error },
      'Cannot open the database',
    );
    process.exit(1);
  }

  let app;
  try {
    app = await createApiApp(config, database.url);
    await app.listen(config.port, config.host);
  } catch (error) {
    // A known problem (e.g. an ADMIN_PASSWORD the rules refuse) is told plainly, without a stack.
    const known = error instanceof DomainError;
    log.fatal(known ? {} : { err: error }, `The API could not start: ${(error as Error).message}`);
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(1);
  }
  log.info(
    `API listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} ` +
      `(docs at /docs, database: ${database.kind === 'embedded' ? `embedded in ${config.dataDir}` : 'DATABASE_URL'})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: finishing in-flight requests`);
    setTimeout(() => {
      log.error(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    try {
      await app.close();
      await database.close();
      log.info('Stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'Error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
