import * as path from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('configuration', () => {
  it('has defaults for everything but the secrets', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      runMigrations: true,
      bodyLimit: '1mb',
      bodyLimitBytes: 1024 * 1024,
      corsOrigins: [],
      logLevel: 'info',
    });
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u@db:5432/st',
      RUN_MIGRATIONS: 'false',
      CORS_ORIGINS: 'https://a.vn, https://b.vn',
      TRUST_PROXY: '1',
      BODY_LIMIT: '500KB',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://u@db:5432/st',
      runMigrations: false,
      corsOrigins: ['https://a.vn', 'https://b.vn'],
      trustProxy: 1,
      bodyLimit: '500KB',
      bodyLimitBytes: 500 * 1024,
    });
  });

  it('stops on a wrong value with a message naming the variable, hiding secrets', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*postgres/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD="\*\*\*": must be at least 12/,
    );
  });

  it('refuses the example password of the documentation, copied literally', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'choose a long password' })).toThrow(
      /ADMIN_PASSWORD="\*\*\*": is the example from the documentation: choose your own/,
    );
    expect(loadConfig({ ADMIN_PASSWORD: 'my own long password' }).adminPassword).toBe(
      'my own long password',
    );
  });
});
