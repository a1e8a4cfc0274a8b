import type { AppConfig } from '../config/app-config';
import { type EarlyCluster, openEmbeddedPostgres } from './embedded/embedded-postgres';

/** Where the app's database is, and how to let go of it when the process ends. */
export interface DatabaseLocation {
  url: string;
  /** `embedded` when the app runs its own PostgreSQL in DATA_DIR. */
  kind: 'server' | 'embedded';
  close(): Promise<void>;
}

/** What the caller hears while the database opens (see openEmbeddedPostgres). */
export interface OpeningHooks {
  /** Called when the embedded server's start runs in a child process. */
  launched?: () => void;
  /** Called as the embedded cluster is created: the database will be new. */
  creating?: () => void;
  /** The embedded cluster's creation, begun before the configuration was loaded (main.ts). */
  early?: EarlyCluster;
  /** Called with the database's URL as soon as it is known (see openEmbeddedPostgres). */
  urlKnown?: (url: string) => void;
}

/** `DATABASE_URL` when set; otherwise the embedded PostgreSQL of `DATA_DIR`, started or joined. */
export async function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'embeddedPostgresPort'>,
  log: (message: string) => void,
  hooks: OpeningHooks = {},
): Promise<DatabaseLocation> {
  if (config.databaseUrl) {
    hooks.urlKnown?.(config.databaseUrl);
    return { url: config.databaseUrl, kind: 'server', close: () => Promise.resolve() };
  }
  const embedded = await openEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    log,
    ...hooks,
  });
  return { url: embedded.url, kind: 'embedded', close: () => embedded.stop() };
}
