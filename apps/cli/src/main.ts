import { CommandFactory } from 'nest-commander';
import {
  type AppConfig,
  ConfigError,
  EmbeddedDatabaseError,
  loadConfig,
  openDatabase,
} from '@app/platform';
import { CliModule } from './cli.module';

function fail(message: string): void {
  process.stderr.write(`Error: ${message}\n`);
  process.exitCode = 1;
}

/**
 * `npm run cli -- <command>`: opens the same database as the server (joining the embedded server
 * if the API runs on this DATA_DIR), runs one command, and exits non-zero when it fails.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    // Accounts are made by commands here, never as a side effect of ADMIN_PASSWORD being exported
    // (a restore, for one, must find the database as it was).
    config = { ...loadConfig({ LOG_LEVEL: 'warn', ...process.env }), adminPassword: undefined };
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  let database;
  try {
    database = await openDatabase(config, (message) => {
      if (config.logLevel === 'debug' || config.logLevel === 'trace')
        process.stderr.write(`${message}\n`);
    });
  } catch (error) {
    return fail(error instanceof EmbeddedDatabaseError ? error.message : (error as Error).message);
  }
  try {
    const app = await CommandFactory.createWithoutRunning(
      CliModule.register({ config, databaseUrl: database.url }),
      {
        logger: ['error', 'warn'],
        abortOnError: false,
        cliName: 'npm run cli --',
        errorHandler: (error) => {
          // commander's own exits (help, version, unknown command) carry their exit code.
          const code = (error as { exitCode?: number }).exitCode;
          if (code !== undefined) process.exitCode = code;
          else fail(error.message);
        },
        // nest-commander only prints a failed command's error; we also make the exit code non-zero.
        serviceErrorHandler: (error) => fail(error.message),
      },
    );
    await CommandFactory.runApplication(app);
    await app.close();
  } catch (error) {
    fail((error as Error).message);
  } finally {
    await database.close().catch(() => undefined);
  }
}

void main();
