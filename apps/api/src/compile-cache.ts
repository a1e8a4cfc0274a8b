import * as nodeModule from 'node:module';

// Imported first by main.ts. From Node 22.1, V8 keeps the compiled code of every module it loads
// on disk (in the system's temp directory, keyed by each file's content), so later starts skip
// compiling Nest, TypeORM and the app again. Node 20 has no such cache: nothing happens there.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
