/**
 * What main.ts runs before anything else loads: the embedded PostgreSQL's cluster creation (initdb,
 * the longest part of a first start). Node's own modules only, so that it starts within a few tens
 * of milliseconds; the configuration's checks (class-validator) and the logger load after it has
 * begun. A second entry of the library, `@app/platform/early`.
 */
export { type EarlyCluster, createClusterEarly } from './database/embedded/embedded-postgres';
export { resolveDataDir } from './config/data-dir';
