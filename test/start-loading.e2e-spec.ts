import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ensureBuilt, ROOT, run } from './helpers/processes';

/**
 * What a start loads. Loading modules is most of a start's time and much of the server's memory,
 * so the libraries only report files need (exceljs, pdfkit and its fonts) wait for the first file
 * asked for, Fastify's schema compilers wait for a route with a schema (there is none), and what
 * main.ts loads before starting the database stays free of Nest, TypeORM and even the pg driver
 * (the embedded PostgreSQL starts while they load; a first start's initdb, the longest part of
 * it, starts as early as it can). The reports' tests render every format.
 */
describe('What the built server loads at start', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  /** The packages a Node process has loaded once `script` calls `report()`. */
  const packagesLoadedBy = async (script: string): Promise<string[]> => {
    const report =
      'function report() {' +
      '  const names = Object.keys(require.cache).map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(f)?.[1]);' +
      '  console.log(JSON.stringify([...new Set(names.filter(Boolean))]));' +
      '}';
    const result = await run(['-e', report + script], {});
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as string[];
  };

  const loadedPackages = (entry: string): Promise<string[]> =>
    packagesLoadedBy(`require(${JSON.stringify(entry)}); report();`);

  it('the whole app, without the report files’ libraries', async () => {
    const loaded = await loadedPackages('./dist/apps/api/src/bootstrap.js');
    expect(loaded).toEqual(expect.arrayContaining(['typeorm', 'class-validator']));
    for (const name of ['exceljs', 'pdfkit', 'fontkit', 'csv-stringify']) {
      expect(loaded).not.toContain(name);
    }
  });

  it('what runs before the database starts: the configuration, not Nest, TypeORM or pg', async () => {
    const loaded = await loadedPackages('./dist/libs/platform/src/start.js');
    expect(loaded).toContain('class-validator');
    for (const name of ['typeorm', '@nestjs/core', '@nestjs/common', '@nestjs/swagger', 'pg']) {
      expect(loaded).not.toContain(name);
    }
  });

  it('the built server’s first file: the configuration and the database, not the app', async () => {
    // dist/api.js runs dist/main.js, which starts the embedded PostgreSQL before it loads the
    // app's file, dist/server.js: nothing of Nest, TypeORM or Fastify may be read before it.
    const map = JSON.parse(await readFile(path.join(ROOT, 'dist', 'main.js.map'), 'utf8')) as {
      sources: string[];
    };
    const packages = new Set(
      map.sources.map((source) => /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(source)?.[1]),
    );
    expect(map.sources).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/apps\/api\/src\/main\.ts$/),
        expect.stringMatching(/libs\/platform\/src\/database\/embedded\/embedded-postgres\.ts$/),
      ]),
    );
    expect(map.sources.some((source) => source.endsWith('apps/api/src/bootstrap.ts'))).toBe(false);
    for (const name of ['typeorm', 'fastify', 'rxjs', '@nestjs/core', '@nestjs/common']) {
      expect(packages).not.toContain(name);
    }
    const app = JSON.parse(await readFile(path.join(ROOT, 'dist', 'server.js.map'), 'utf8')) as {
      sources: string[];
    };
    expect(app.sources.some((source) => source.endsWith('apps/api/src/bootstrap.ts'))).toBe(true);
  });

  it("the app's Fastify instance, without Ajv or the schema compilers", async () => {
    const loaded = await packagesLoadedBy(
      "const { fastifyOptions } = require('./dist/libs/platform/src/http/configure-app.js');" +
        "const { loadConfig } = require('./dist/libs/platform/src/config/app-config.js');" +
        "const app = require('fastify')(fastifyOptions(loadConfig({})));" +
        "app.get('/', async () => ({ ok: true }));" +
        'app.ready().then(report);',
    );
    expect(loaded).toContain('fastify');
    for (const name of ['ajv', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler']) {
      expect(loaded).not.toContain(name);
    }
  });
});
