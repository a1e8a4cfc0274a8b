#!/usr/bin/env node
// Bundles the compiled server (dist/apps/api/src/main.js, emitted by `nest build` with its decorator
// metadata) with Nest into one file, dist/api.js, which `npm start` runs. Nest 12 ships as ES
// modules: loading its ~900 files one by one (resolved, read, parsed as modules) and the app's
// ~400 was a third of a start. Bundled, the embedded database's re-open takes about 1.2 s instead
// of 1.55 s (bench/README.md).
//
// What goes in: the app and the packages built on Nest (@nestjs/*, and those that depend on
// @nestjs/common or @nestjs/core, such as nestjs-pino): these must share one copy of Nest's
// classes, so none of them may stay outside; also the few named below (ALSO_BUNDLED). Every
// other package is left out and loaded from
// node_modules as usual: the CommonJS ones cost little to load, some read their own files beside
// their code (pdfkit's fonts, Swagger UI's assets, pino's worker), some are loaded only on demand
// (exceljs), and TypeORM and class-validator are also loaded by name, through createRequire, by
// Nest's packages.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const OUTFILE = path.join(ROOT, 'dist', 'api.js');

/** `@scope/name` or `name` of an import such as `@nestjs/core/injector.js` or `pino/file`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Packages bundled though not built on Nest: plain functions in hundreds of small files that read
 * nothing beside their code and that nothing loads by name. es-toolkit (through @nestjs/swagger)
 * took a tenth of a start, loaded file by file; rxjs (through Nest, ~230 files) about 50 ms. rxjs
 * goes in as its CommonJS build, whole: its ES-module build would let esbuild drop what Nest does
 * not use, but every request runs through rxjs and its ES2015 classes served a task retrieve a
 * third slower (the bench, side by side).
 */
const ALSO_BUNDLED = new Set(['es-toolkit', 'rxjs']);

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

/** Leaves out every package that is not built on Nest, checking it resolves the same from dist/. */
const leaveOutOtherPackages = {
  name: 'leave-out-other-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = packageName(args.path);
      if (isBuiltOnNest(name, args.resolveDir) || ALSO_BUNDLED.has(name)) {
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

function resolveOrNull(specifier, from) {
  try {
    return require.resolve(specifier, { paths: [from] });
  } catch {
    // One of the optional packages Nest tries (microservices, websockets, fastify).
    return null;
  }
}

async function bundle() {
  await esbuild.build({
    entryPoints: [ENTRY],
    outfile: OUTFILE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [leaveOutOtherPackages],
    // Nest's ES modules find optional packages with createRequire(import.meta.url), which a
    // CommonJS file has not: it gets the bundle's own URL, so they resolve from the project.
    define: { 'import.meta.url': '__bundle_url' },
    banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
    // Class names are the tokens and messages of Nest and TypeORM: kept. Spaces and comments go
    // (licence comments to dist/api.js.LEGAL.txt).
    keepNames: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    // Chained to the TypeScript sources: NODE_OPTIONS=--enable-source-maps shows them in stacks.
    sourcemap: 'linked',
    logLevel: 'error',
  });
  // esbuild escapes non-ASCII letters in strings but not in regular expression literals: one such
  // letter makes V8 keep the whole source as two-byte text. Write them as \u escapes.
  const source = fs.readFileSync(OUTFILE, 'latin1');
  const at = source.search(/[\x80-\xff]/);
  if (at >= 0) {
    throw new Error(
      `${path.relative(ROOT, OUTFILE)} has a non-ASCII letter in ` +
        `"${source.slice(Math.max(0, at - 60), at + 20)}": write it as a \\u escape in the source`,
    );
  }
}

module.exports = { bundle, OUTFILE };
if (require.main === module) {
  bundle().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
