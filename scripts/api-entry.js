'use strict';
// dist/api.js, what `npm start` runs (scripts/bundle.js writes it from this file, with BUILD set):
// it runs the server bundle, dist/server.js, with V8's code cache. After a start, the code V8
// compiled for it (most of the bundle's functions, compiled lazily as they first ran) is kept on
// disk, and the next start of the same build takes it instead of parsing and compiling again.
// Node 22 has this built in (module.enableCompileCache, which apps/api/src/compile-cache.ts turns
// on); Node 20 has not. The v8-compile-cache package keeps only what is compiled before a file
// runs, which for a bundle is its top level, and breaks `import()`; the bundle has none (see
// scripts/bundle.js).
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** The bundle's content hash, set by scripts/bundle.js: a cache never serves another build. */
const BUILD = 'unbuilt';
const BUNDLE = path.join(__dirname, 'server.js');
/** Set for main.ts to call once the server listens (apps/api/src/compile-cache.ts). */
const KEEP_COMPILED_CODE = Symbol.for('st-tracker.keepCompiledCode');
const STALE_MS = 7 * 24 * 3600 * 1000;

/** CODE_CACHE_DIR, `off`, or by default a directory of this user's in the system's temp directory. */
function cacheDirectory() {
  const setting = process.env.CODE_CACHE_DIR;
  if (setting === 'off' || typeof process.getuid !== 'function') return undefined;
  const dir = setting
    ? path.resolve(setting)
    : path.join(os.tmpdir(), `st-tracker-code-cache-${process.getuid()}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(dir);
    // It holds code this process will run: only a directory of this user's that no one else may
    // write to (a shared temp directory lets anyone make the directory first).
    if (!stat.isDirectory() || stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0) {
      return undefined;
    }
    return dir;
  } catch {
    return undefined;
  }
}

/** One file per build, Node version and V8 flags (V8 refuses a cache made under other flags). */
function cacheFile(dir) {
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        BUILD,
        process.version,
        process.arch,
        process.execArgv,
        process.env.NODE_OPTIONS ?? '',
      ]),
    )
    .digest('hex')
    .slice(0, 24);
  return path.join(dir, `${key}.v8cache`);
}

/** Writes the code compiled so far, whole or not at all, and drops caches no start used for a week. */
function keep(script, dir, file) {
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temporary, file);
    for (const name of fs.readdirSync(dir)) {
      const other = path.join(dir, name);
      if (
        other !== file &&
        name.endsWith('.v8cache') &&
        Date.now() - fs.statSync(other).mtimeMs > STALE_MS
      ) {
        fs.rmSync(other, { force: true });
      }
    }
  } catch {
    // A convenience: without it the next start compiles again, as it would have anyway.
  }
}

function start() {
  const dir = cacheDirectory();
  // Where stacks must map to the sources (--enable-source-maps), Node's own loader runs the bundle:
  // it reads the source map only for the files it loads. Node 22 caches the bundle itself.
  if (
    dir === undefined ||
    process.sourceMapsEnabled ||
    typeof Module.enableCompileCache === 'function'
  ) {
    require(BUNDLE);
    return;
  }
  const file = cacheFile(dir);
  let cachedData;
  try {
    cachedData = fs.readFileSync(file);
    const now = new Date();
    fs.utimesSync(file, now, now); // used: see keep
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(BUNDLE, 'utf8')), {
    filename: BUNDLE,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // Once the server listens: a second later, or as the process exits if it stops before. Not at
    // once: serialising takes about 0.1 s, which the first requests would wait for.
    globalThis[KEEP_COMPILED_CODE] = () => {
      delete globalThis[KEEP_COMPILED_CODE];
      let kept = false;
      const keepOnce = () => {
        if (!kept) keep(script, dir, file);
        kept = true;
      };
      setTimeout(keepOnce, 1000).unref();
      process.once('exit', keepOnce);
    };
  }
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  script
    .runInThisContext()
    .call(bundle.exports, bundle.exports, Module.createRequire(BUNDLE), bundle, BUNDLE, __dirname);
}

start();
