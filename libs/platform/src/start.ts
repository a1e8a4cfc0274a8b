/**
 * What a program needs before the app's modules load: the configuration and the database's
 * location. Kept free of Nest and TypeORM (this file is a second entry of the library,
 * `@app/platform/start`), so that the embedded PostgreSQL starts while those load.
 */
export { type AppConfig, ConfigError, loadConfig } from './config/app-config';
export { type DatabaseLocation, openDatabase, type OpeningHooks } from './database/open-database';
export { generatePassword, hashPasswordAhead } from './auth/password';
export { EmbeddedDatabaseError } from './database/embedded/embedded-postgres';
