import * as nodeModule from 'node:module';
import type * as Bootstrap from './bootstrap';

// Imported first by main.ts. From Node 22.1, V8 keeps the compiled code of every module it loads
// on disk (in the system's temp directory, keyed by each file's content), so later starts skip
// compiling Nest, TypeORM and the app again. On Node 20, dist/api.js keeps the bundle's compiled
// code itself (scripts/api-entry.js).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const KEEP_COMPILED_CODE = Symbol.for('st-tracker.keepCompiledCode');

/**
 * Once the server listens: dist/api.js keeps the code compiled so far for the next start of this
 * build, if it had none to start from (scripts/api-entry.js).
 */
export function keepCompiledCode(): void {
  const keep = (globalThis as Record<symbol, unknown>)[KEEP_COMPILED_CODE];
  if (typeof keep === 'function') (keep as () => void)();
}

const LOAD_APP = Symbol.for('st-tracker.loadApp');

/**
 * The app's modules (./bootstrap: Nest, TypeORM, the app), loaded once the database is opening.
 * Built, main.ts and they are two files: dist/api.js runs the small first one and hands it this
 * loader for the other, so that the embedded PostgreSQL starts before the app's file is even read
 * (scripts/bundle.js), and both run from the code cache.
 */
export function loadApp(): typeof Bootstrap {
  const load = (globalThis as Record<symbol, unknown>)[LOAD_APP];
  if (typeof load === 'function') return (load as () => typeof Bootstrap)();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./bootstrap') as typeof Bootstrap;
}
