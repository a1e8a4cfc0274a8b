import * as path from 'node:path';

/**
 * DATA_DIR as the app uses it, absolute: the value given, or `./data` when unset or blank. Apart
 * from the configuration's checks (app-config.ts), so that main.ts can begin the embedded
 * PostgreSQL's first start before loading them: any value is a usable path.
 */
export function resolveDataDir(value: string | undefined): string {
  return path.resolve(value || './data');
}
