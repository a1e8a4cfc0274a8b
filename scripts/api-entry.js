'use strict';
// dist/api.js, what `npm start` runs (scripts/bundle.js writes it from this file, with BUILD set):
// it runs the server's two bundled files with V8's code cache: dist/main.js, which opens the
// database, and dist/server.js, the app, which main.ts loads through loadApp as the database
// opens (apps/api/src/compile-cache.ts). After a start, the code V8 compiled for both (most of
// their functions, compiled lazily as they first ran) is kept on disk, and the next start of the
// same build takes it instead of parsing and compiling again.
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

/** The two files' content hash, set by scripts/bundle.js: a cache never serves another build. */
const BUILD = 'unbuilt';
const FIRST = path.join(__dirname, 'main.js');
const APP = path.join(__dirname, 'server.js');
/** The code cache the build makes (makeSeed), for a start that has none of its own. */
const SEED = path.join(__dirname, 'api.v8cache');
/** Set for main.ts to call once the server listens (apps/api/src/compile-cache.ts). */
const KEEP_COMPILED_CODE = Symbol.for('st-tracker.keepCompiledCode');
/** Set for main.ts to load the app with (loadApp in apps/api/src/compile-cache.ts). */
const LOAD_APP = Symbol.for('st-tracker.loadApp');
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

/**
 * A cache file holds, from `start`, both files' code: the first one's length (4 bytes), the first
 * one's code, the app's. `{ bytes, parts }`: the file's bytes and views of the two codes in them;
 * undefined when not of that shape (V8 itself refuses a damaged one).
 */
function splitCache(bytes, start = 0) {
  const data = bytes.subarray(start);
  if (data.length < 4) return undefined;
  const firstLength = data.readUInt32LE(0);
  if (4 + firstLength > data.length) return undefined;
  return { bytes, parts: [data.subarray(4, 4 + firstLength), data.subarray(4 + firstLength)] };
}

/**
 * Gives back the memory of a cache file's bytes once V8 has compiled from them. V8 has taken what
 * it needs by then, but a script that runs keeps the buffer it was compiled from for the life of
 * the process: 5 to 7 MB of an idle server's RSS. Only a buffer with its memory to itself is let
 * go, never a slice of Node's shared pool (a file under 4 KB).
 */
function release(bytes) {
  const memory = bytes.buffer;
  if (bytes.byteOffset === 0 && bytes.byteLength === memory.byteLength) {
    structuredClone(memory, { transfer: [memory] });
  }
}

/** A file's bytes, or undefined when it cannot be read (missing, say). */
function readBytes(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A start's own cache file, marked as used (see keep); undefined when missing. */
function readCache(file) {
  const data = readBytes(file);
  if (data === undefined) return undefined;
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // Read anyway: only the week-old clean-up looks at it.
  }
  return splitCache(data);
}

/** What the build's cache (makeSeed) starts with: the build it was made from. */
const SEED_HEADER = Buffer.from(`${BUILD}\n`, 'latin1');

/** The build's cache, when it is this build's (V8 checks the rest: its version, the flags). */
function readSeed() {
  const data = readBytes(SEED);
  if (data === undefined || !data.subarray(0, SEED_HEADER.length).equals(SEED_HEADER)) {
    return undefined;
  }
  return splitCache(data, SEED_HEADER.length);
}

/** Both scripts' code compiled so far, written whole or not at all, after `header`. */
function writeCache(scripts, file, { mode = 0o600, header = Buffer.alloc(0) } = {}) {
  const [first, app] = scripts.map((script) => script.createCachedData());
  const length = Buffer.alloc(4);
  length.writeUInt32LE(first.length, 0);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat([header, length, first, app]), { mode });
  fs.renameSync(temporary, file);
}

/** Writes the code compiled so far, whole or not at all, and drops caches no start used for a week. */
function keep(scripts, dir, file) {
  try {
    writeCache(scripts, file);
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

/**
 * A bundled file compiled as a CommonJS module's body, from the code given if V8 takes it. Read as
 * latin1: the bundles are ASCII only (scripts/bundle.js fails the build otherwise), where latin1 and
 * UTF-8 read the same, and Node 20 decodes latin1 faster (5 MB: 40 ms against 65, first read).
 */
function compileFile(filename, cachedData) {
  return new vm.Script(Module.wrap(fs.readFileSync(filename, 'latin1')), { filename, cachedData });
}

/** Runs a bundled file as a CommonJS module, from the code given if V8 takes it; its script. */
function runFile(filename, cachedData) {
  const script = compileFile(filename, cachedData);
  const bundle = new Module(filename, module);
  bundle.filename = filename;
  script
    .runInThisContext()
    .call(
      bundle.exports,
      bundle.exports,
      Module.createRequire(filename),
      bundle,
      filename,
      __dirname,
    );
  return { script, exports: bundle.exports };
}

function start() {
  const dir = cacheDirectory();
  // Where stacks must map to the sources (--enable-source-maps), Node's own loader runs the files:
  // it reads the source map only for the files it loads. Node 22 caches them itself.
  if (
    dir === undefined ||
    process.sourceMapsEnabled ||
    typeof Module.enableCompileCache === 'function'
  ) {
    require(FIRST);
    return;
  }
  const file = cacheFile(dir);
  const own = readCache(file);
  // A start with no cache of its own (a build's first) takes the one the build made (makeSeed).
  const cached = own ?? readSeed();
  // [the first file's, the app's], in the cache file's order whichever is compiled first.
  const scripts = [undefined, undefined];
  globalThis[LOAD_APP] = () => {
    delete globalThis[LOAD_APP];
    const app = runFile(APP, cached?.parts[1]);
    scripts[1] = app.script;
    if (cached) release(cached.bytes);
    return app.exports;
  };
  // Once the server listens, if a file had no code to start from or V8 refused it: a second
  // later, or as the process exits if it stops before. Not at once: serialising takes about
  // 0.1 s, which the first requests would wait for.
  globalThis[KEEP_COMPILED_CODE] = () => {
    delete globalThis[KEEP_COMPILED_CODE];
    if (scripts.includes(undefined)) return; // the app never loaded: nothing whole to keep
    // After the build's, its own: more of the code a start runs (what came after the top level).
    const taken =
      own !== undefined && scripts.every((script) => script.cachedDataRejected === false);
    if (taken) return;
    let kept = false;
    const keepOnce = () => {
      if (!kept) keep(scripts, dir, file);
      kept = true;
    };
    setTimeout(keepOnce, 1000).unref();
    process.once('exit', keepOnce);
  };
  scripts[0] = runFile(FIRST, cached?.parts[0]).script;
}

/**
 * `node [npm start's flags] dist/api.js --make-code-cache`, run by the build
 * (scripts/ensure-build.js): the cache a start takes when it has none of its own, beside the two
 * files. V8 takes it under the flags it was made with (npm start's) and refuses it under others.
 * Without it a first start compiles 5.6 MB of source and each function as it first runs: about
 * 0.2 s of CPU, beside initdb. The app's file runs its top level here (Nest's, TypeORM's and the
 * app's modules and their decorators: what a start runs before it needs the database), so that
 * what that compiles is in it too; the first file, which opens the database as it runs, is only
 * compiled.
 */
function makeSeed() {
  fs.rmSync(SEED, { force: true });
  if (process.sourceMapsEnabled || typeof Module.enableCompileCache === 'function') return;
  const first = compileFile(FIRST);
  const app = runFile(APP).script;
  writeCache([first, app], SEED, { mode: 0o644, header: SEED_HEADER });
}

if (process.argv[2] === '--make-code-cache') {
  makeSeed();
  process.exit(0); // the app's top level starts nothing, but the build must not wait on it if it did
} else {
  start();
}
