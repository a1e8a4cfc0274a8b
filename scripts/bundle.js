#!/usr/bin/env node
// Bundles the compiled server (dist/apps/api/src/, emitted by `nest build` with its decorator
// metadata) with Nest into two files, which `npm start` runs through dist/api.js
// (scripts/api-entry.js: V8's code cache). Nest 12 ships as ES
// modules: loading its ~900 files one by one (resolved, read, parsed as modules) and the app's
// ~400 was a third of a start. Bundled, the embedded database's re-open takes about 1.2 s instead
// of 1.55 s (bench/README.md).
// - dist/main.js, from main.ts: the configuration, the port check and the embedded PostgreSQL's
//   start (initdb on a first start), with what they load; small, so that initdb starts sooner
//   (0.35 s into a first start instead of 0.52 s, when it came after the whole app was read and
//   compiled).
// - dist/server.js, from bootstrap.ts: the app. main.ts loads it (loadApp) once the database is
//   opening. The few modules both use (the configuration, the password hashing, the embedded
//   PostgreSQL's names) are in both: nothing of theirs is shared but the hashes begun ahead, which
//   password.ts keeps on the process.
//
// What goes in: the app and the packages built on Nest (@nestjs/*, and those that depend on
// @nestjs/common or @nestjs/core, such as nestjs-pino): these must share one copy of Nest's
// classes, so none of them may stay outside; also the packages named below (ALSO_BUNDLED). Every
// other package is left out and loaded from node_modules as usual: the CommonJS ones cost little
// to load, some read their own files beside their code (pdfkit's fonts, Swagger UI's assets,
// pino's worker), some are loaded only on demand (exceljs).
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const acorn = require('acorn');
const walk = require('acorn-walk');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'dist', 'apps', 'api', 'src');
/** main.ts: the configuration and the database; it loads the app's file once the database opens. */
const FIRST_OUTFILE = path.join(ROOT, 'dist', 'main.js');
/** bootstrap.ts: Nest, TypeORM, Fastify and the app. */
const OUTFILE = path.join(ROOT, 'dist', 'server.js');
const ENTRY_FILE = path.join(ROOT, 'dist', 'api.js');
/** What the first file must not hold: what it loads before the database starts would wait for it. */
const NOT_IN_FIRST_FILE = ['typeorm', 'fastify', 'rxjs'];

/** `@scope/name` or `name` of an import such as `@nestjs/core/injector.js` or `pino/file`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Packages bundled though not built on Nest: code in hundreds of small files that reads nothing
 * beside itself. Loaded file by file, es-toolkit (through @nestjs/swagger) took a tenth of a start;
 * rxjs (through Nest, ~230 files) about 50 ms; class-validator with validator and
 * libphonenumber-js (~320 files) and class-transformer about 0.1 s of a re-open. Nest's packages
 * load class-validator and class-transformer by name too: packageSources makes those loads the
 * bundle's own, and checkLoadedOnce fails the build on any left.
 * - rxjs goes in as its CommonJS build, whole: its ES-module build would let esbuild drop what Nest
 *   does not use, but every request runs through rxjs and its ES2015 classes served a task
 *   retrieve a third slower (the bench, side by side).
 * - TypeORM (~300 files, with the SQL formatter and highlighter it loads), Fastify (with avvio,
 *   find-my-way and what they load, semver's ~50 files among them) and the two Fastify plugins
 *   Nest and the app register at every start: loaded from node_modules they took about 0.4 s
 *   of a start (required alone: TypeORM 0.26 s, Fastify 0.16 s), compiled anew each time, since
 *   the code cache covers only the bundle. Bundled, re-opens went from 1.66 to 1.30 s (medians of
 *   six alternated) and idle RSS 3 MB down.
 */
const ALSO_BUNDLED = new Set([
  'es-toolkit',
  'rxjs',
  'class-validator',
  'validator',
  'libphonenumber-js',
  'class-transformer',
  'iterare',
  'typeorm',
  '@sqltools/formatter',
  'sql-highlight',
  'fastify',
  'avvio',
  'find-my-way',
  'safe-regex2',
  'ret',
  'fast-querystring',
  'semver',
  '@fastify/middie',
  '@fastify/rate-limit',
  'ip-address',
  'rate-limiter-flexible',
  '@fastify/static',
  '@fastify/send',
  '@fastify/accept-negotiator',
  'content-disposition',
  'fastify-plugin',
  'fastq',
  'reusify',
  'picomatch',
  'tinyglobby',
  'fdir',
  'http-errors',
  'depd',
  'setprototypeof',
  'statuses',
  'inherits',
  'toidentifier',
  'mime',
  'escape-html',
  'fast-decode-uri-component',
  '@lukeed/ms',
  '@fastify/error',
  'pg',
  'pg-protocol',
  'pg-types',
  'pg-pool',
  'pg-int8',
  'pg-connection-string',
  'postgres-interval',
  'postgres-date',
  'postgres-bytea',
  'postgres-array',
  'xtend',
  'split2',
  'fast-json-stringify',
  'secure-json-parse',
  'toad-cache',
  'rfdc',
  'abstract-logging',
  'process-warning',
  '@fastify/proxy-addr',
  '@fastify/forwarded',
  'fast-deep-equal',
  'js-yaml',
  'helmet',
  'dayjs',
  'csv-parse',
  'debug',
  'ms',
  'supports-color',
  'has-flag',
  'uid',
  'dedent',
  'ansis',
  'get-caller-file',
  'path-to-regexp',
  'fast-safe-stringify',
  'safe-stable-stringify',
  'tslib',
  'ipaddr.js',
  'glob',
  'minimatch',
  'path-scurry',
  'lru-cache',
  'minipass',
  'brace-expansion',
  'balanced-match',
  '@isaacs/brace-expansion',
  '@isaacs/balanced-match',
  'jackspeak',
  'foreground-child',
  'signal-exit',
  'package-json-from-dist',
]);

const builtOnNest = new Map();
/** True for Nest's packages and the packages that depend on Nest. */
function isBuiltOnNest(name, resolveDir) {
  if (name.startsWith('@nestjs/')) return true;
  if (!builtOnNest.has(name)) {
    let manifest = {};
    try {
      const file = require.resolve(`${name}/package.json`, { paths: [resolveDir] });
      manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      // A package without a readable package.json (or that hides it in its exports): not Nest's.
    }
    const needs = { ...manifest.dependencies, ...manifest.peerDependencies };
    builtOnNest.set(name, '@nestjs/common' in needs || '@nestjs/core' in needs);
  }
  return builtOnNest.get(name);
}

/** True for a package that goes into the bundle: built on Nest, or named in ALSO_BUNDLED. */
function goesIn(name, resolveDir) {
  return isBuiltOnNest(name, resolveDir) || ALSO_BUNDLED.has(name);
}

/** Leaves out every package that is not built on Nest, checking it resolves the same from dist/. */
const leaveOutOtherPackages = {
  name: 'leave-out-other-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = packageName(args.path);
      if (goesIn(name, args.resolveDir)) {
        // In, unless it is one of Nest's optional packages that is not installed.
        return resolveOrNull(args.path, args.resolveDir) ? undefined : { external: true };
      }
      // Loaded at run time from dist/, it must be the copy the importer would have had (not a
      // different version nested in the importer's own node_modules).
      const fromImporter = resolveOrNull(args.path, args.resolveDir);
      const fromBundle = resolveOrNull(args.path, path.dirname(OUTFILE));
      if (fromImporter !== fromBundle) {
        return {
          errors: [
            {
              text: `${args.path} resolves to another copy from dist/ than from ${args.importer}`,
            },
          ],
        };
      }
      return { external: true };
    });
  },
};

/** `\u00e9` for `é`: a UTF-16 code unit as a JavaScript escape. */
function unicodeEscape(unit) {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A regular expression literal's text with its non-ASCII letters as \u escapes; same meaning. */
function asciiRegExp(literal) {
  let text = '';
  for (let i = 0; i < literal.length; i++) {
    const unit = literal[i];
    if (unit === '\\') {
      // `\é` is an identity escape (outside the u flag): the letter itself, now escaped.
      const next = literal[++i];
      text += next > '\x7f' ? unicodeEscape(next) : unit + next;
    } else {
      text += unit > '\x7f' ? unicodeEscape(unit) : unit;
    }
  }
  return text;
}

/** A letter outside ASCII (one UTF-16 code unit of it). */
const NON_ASCII = /[\u0080-\uffff]/;

/** The statement by which an ES module of Nest's gets a `require` of its own. */
const OWN_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;

/** Non-ASCII letters in regular expression literals, as \u escapes. */
function asciiRegExpLiterals(source) {
  // The tokenizer tells a regular expression from a division as a parser would.
  const tokens = acorn.tokenizer(source, {
    ecmaVersion: 'latest',
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
  });
  let contents = '';
  let copied = 0;
  for (const token of tokens) {
    if (token.type !== acorn.tokTypes.regexp) continue;
    const literal = source.slice(token.start, token.end);
    if (!NON_ASCII.test(literal)) continue;
    contents += source.slice(copied, token.start) + asciiRegExp(literal);
    copied = token.end;
  }
  return contents + source.slice(copied);
}

/**
 * pg asks whether it runs in a Cloudflare Worker by making a fetch Response, which on Node 20 loads
 * undici: about 40 ms of every start, for each of the two files. The bundles run on Node only,
 * where the answer is always no.
 */
const PG_CLOUDFLARE_PROBE = {
  file: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/,
  call: 'if (isCloudflareRuntime()) {',
  answer: 'if (false /* a Cloudflare Worker: not on Node (scripts/bundle.js) */) {',
};

/**
 * Three rewrites of the packages' code as it goes in, each keeping its meaning:
 * - Some of Nest's ES modules load a package by name through a `require` of their own, made with
 *   createRequire (@nestjs/mapped-types so loads class-validator and class-transformer). esbuild
 *   cannot follow those (evanw/esbuild#1828), so a bundled package would load a second time from
 *   node_modules: class-transformer's second copy keeps metadata of its own, which the bundled one
 *   never sees. Without that statement, their `require('…')` is esbuild's own, which bundles what
 *   goes in and leaves the rest to node_modules.
 * - esbuild writes non-ASCII letters in strings as escapes, but copies regular expression literals
 *   as they are (validator's per-language alphabets, for one). A single such letter makes V8 keep
 *   the whole bundle as two-byte text: twice the memory, slower to scan. `\u00e9` matches what `é`
 *   did, in every flag mode.
 * - pg's probe for Cloudflare Workers (PG_CLOUDFLARE_PROBE) answered as it is on Node; the build
 *   fails if pg no longer probes that way, rather than leave the rewrite silently undone.
 */
const packageSources = {
  name: 'package-sources',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      let contents = source.replace(OWN_REQUIRE, '');
      if (PG_CLOUDFLARE_PROBE.file.test(args.path)) {
        if (!contents.includes(PG_CLOUDFLARE_PROBE.call)) {
          throw new Error(
            `${args.path} no longer has "${PG_CLOUDFLARE_PROBE.call}": see PG_CLOUDFLARE_PROBE`,
          );
        }
        contents = contents.replace(PG_CLOUDFLARE_PROBE.call, PG_CLOUDFLARE_PROBE.answer);
      }
      if (NON_ASCII.test(contents)) contents = asciiRegExpLiterals(contents);
      if (contents === source) return undefined;
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/** The name a property key gives a function as its value, or undefined (computed, numeric). */
function keyName(key, computed) {
  if (computed) return undefined;
  if (key.type === 'Identifier') return key.name;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

/** The name the language itself gives an anonymous function standing where `call` stands. */
function nameGivenAt(call, parent, grandparent) {
  switch (parent.type) {
    case 'Property':
      return parent.value === call &&
        parent.kind === 'init' &&
        !parent.method &&
        !parent.shorthand &&
        grandparent?.type === 'ObjectExpression' &&
        keyName(parent.key, parent.computed) !== '__proto__'
        ? keyName(parent.key, parent.computed)
        : undefined;
    case 'VariableDeclarator':
      return parent.init === call && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'AssignmentExpression':
      return parent.right === call && parent.operator === '=' && parent.left.type === 'Identifier'
        ? parent.left.name
        : undefined;
    default:
      return undefined;
  }
}

/** The statements of the block (or program, or case) that `ancestors` end in. */
function enclosingStatements(ancestors) {
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const node = ancestors[i];
    if (Array.isArray(node.body)) return node.body;
    if (node.type === 'SwitchCase') return node.consequent;
    if (node.type.includes('Function')) return [];
  }
  return [];
}

/**
 * True when `fn` (the first argument of a `__name` call, the last of `ancestors`' calls) is a
 * function that has the name `name` without the call: one the language names from where it stands,
 * a function expression of that name, or a function declared with that name in the same block.
 */
function namedSoAlready(fn, name, ancestors) {
  const call = ancestors[ancestors.length - 1];
  if (fn.type === 'ArrowFunctionExpression' || (fn.type === 'FunctionExpression' && !fn.id)) {
    return (
      nameGivenAt(call, ancestors[ancestors.length - 2], ancestors[ancestors.length - 3]) === name
    );
  }
  if (fn.type === 'FunctionExpression') return fn.id.name === name;
  if (fn.type === 'Identifier' && fn.name === name) {
    return enclosingStatements(ancestors).some(
      (statement) => statement.type === 'FunctionDeclaration' && statement.id?.name === name,
    );
  }
  return false;
}

/**
 * keepNames makes esbuild wrap functions in `__name(fn, "name")`, which defines the function's
 * `name` at run time, each time the function is made: for the closures Nest and rxjs make on every
 * request (switchToHttp makes three per call) that was about a twentieth of a task retrieve's CPU.
 * Where the function has that very name without it (it is declared or written with it, or it is
 * anonymous and stands as a property's value, a variable's first value or what is assigned to a
 * variable, which the language names so itself: named evaluation), the wrapper is blanked out with
 * spaces, leaving the function (or the declared function's name) as the expression's value. The
 * function keeps its columns, so the source map still holds. Class names (the tokens of Nest and
 * TypeORM) are untouched.
 */
function dropRedundantNames(source) {
  const ast = acorn.parse(source, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
  });
  const blanks = [];
  walk.ancestor(ast, {
    CallExpression(call, _state, ancestors) {
      const [fn, name] = call.arguments;
      if (
        call.callee.type !== 'Identifier' ||
        call.callee.name !== '__name' ||
        call.arguments.length !== 2 ||
        name.type !== 'Literal' ||
        typeof name.value !== 'string' ||
        !namedSoAlready(fn, name.value, ancestors)
      ) {
        return;
      }
      const head = source.slice(call.start, fn.start);
      const tail = source.slice(fn.end, call.end);
      if (head !== '__name(' || !/^,\s*"[^"\\]*"\s*\)$/.test(tail)) return;
      blanks.push([call.start, fn.start], [fn.end, call.end]);
    },
  });
  let out = '';
  let copied = 0;
  for (const [start, end] of blanks.sort((a, b) => a[0] - b[0])) {
    out += source.slice(copied, start) + ' '.repeat(end - start);
    copied = end;
  }
  return out + source.slice(copied);
}

/**
 * Fails on a package that is in the bundle and would still load from node_modules at run time: a
 * second copy, with classes and state of its own.
 */
function checkLoadedOnce(source) {
  const twice = new Set();
  // esbuild renames a module's own `require` (one made with createRequire) to require2, require3…
  for (const [, specifier] of source.matchAll(/\brequire\d*\("([^"]+)"\)/g)) {
    const name = packageName(specifier);
    // (One that does not resolve is a fallback for another version, that never runs.)
    const from = path.dirname(OUTFILE);
    if (goesIn(name, from) && resolveOrNull(specifier, from)) twice.add(name);
  }
  if (twice.size > 0) {
    throw new Error(
      `${path.relative(ROOT, OUTFILE)} holds ${[...twice].join(', ')} and still loads ` +
        'them from node_modules at run time (a second copy): find the require that esbuild left',
    );
  }
}

function resolveOrNull(specifier, from) {
  try {
    return require.resolve(specifier, { paths: [from] });
  } catch {
    // One of the optional packages Nest tries (microservices, websockets, fastify).
    return null;
  }
}

/** main.ts's `require('./bootstrap')` (compile-cache.ts's loadApp) is the app's file. */
const appInItsOwnFile = {
  name: 'app-in-its-own-file',
  setup(build) {
    build.onResolve({ filter: /^\.\/bootstrap$/ }, (args) =>
      path.join(args.resolveDir, 'bootstrap.js') === path.join(SRC, 'bootstrap.js')
        ? { path: `./${path.basename(OUTFILE)}`, external: true }
        : undefined,
    );
  },
};

/** One of the two files, checked; returns its text. */
async function bundleFile(entry, outfile, { plugins = [], ...options } = {}) {
  const result = await esbuild.build({
    ...options,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // import() becomes require(): V8 (before 12.5, Node 20's is 11.3) loses what a dynamic import
    // needs from code taken from a code cache (scripts/api-entry.js). Only optional packages are
    // imported so (Nest's @fastify/static for Swagger UI, its microservices).
    supported: { 'dynamic-import': false },
    plugins: [...plugins, leaveOutOtherPackages, packageSources],
    // Nest's ES modules find optional packages with createRequire(import.meta.url), which a
    // CommonJS file has not: it gets the bundle's own URL, so they resolve from the project.
    define: { 'import.meta.url': '__bundle_url' },
    banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
    // Class names are the tokens and messages of Nest and TypeORM: kept. Spaces and comments go
    // (licence comments, where a file has any, to its .LEGAL.txt beside it).
    keepNames: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    // Chained to the TypeScript sources: NODE_OPTIONS=--enable-source-maps shows them in stacks.
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'error',
  });
  const source = dropRedundantNames(fs.readFileSync(outfile, 'latin1'));
  fs.writeFileSync(outfile, source, 'latin1');
  checkLoadedOnce(source);
  // Any non-ASCII letter left (a regular expression literal in the app's own code, which
  // asciiRegExpLiterals does not rewrite) would make V8 keep the whole source as two-byte text.
  const at = source.search(/[\x80-\xff]/);
  if (at >= 0) {
    throw new Error(
      `${path.relative(ROOT, outfile)} has a non-ASCII letter in ` +
        `"${source.slice(Math.max(0, at - 60), at + 20)}": write it as a \\u escape in the source`,
    );
  }
  return { source, inputs: Object.keys(result.metafile.inputs) };
}

async function bundle() {
  const first = await bundleFile(path.join(SRC, 'main.js'), FIRST_OUTFILE, {
    plugins: [appInItsOwnFile],
  });
  const heavy = first.inputs
    .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
    .filter((name) => name && (NOT_IN_FIRST_FILE.includes(name) || isBuiltOnNest(name, ROOT)));
  if (heavy.length > 0) {
    throw new Error(
      `${path.relative(ROOT, FIRST_OUTFILE)} holds ${[...new Set(heavy)].join(', ')}: ` +
        'main.ts must load the app only through loadApp, once the database is opening',
    );
  }
  const app = await bundleFile(path.join(SRC, 'bootstrap.js'), OUTFILE);
  writeEntry([first.source, app.source]);
}

/** dist/api.js: scripts/api-entry.js, with the hash of the two files that keys their code cache. */
function writeEntry(sources) {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source, 'latin1').update('\0');
  const build = hash.digest('hex').slice(0, 16);
  const template = fs.readFileSync(path.join(__dirname, 'api-entry.js'), 'utf8');
  const line = "const BUILD = 'unbuilt';";
  if (!template.includes(line)) throw new Error(`scripts/api-entry.js lost the line ${line}`);
  fs.writeFileSync(ENTRY_FILE, template.replace(line, `const BUILD = '${build}';`));
}

module.exports = { bundle, dropRedundantNames, OUTFILE };
if (require.main === module) {
  bundle().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
