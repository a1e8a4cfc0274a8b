import * as nodeModule from 'node:module';

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
