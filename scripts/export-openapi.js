#!/usr/bin/env node
// Writes docs/openapi.json from the built app (run via `npm run openapi`). The app is created in
// preview mode: routes and DTOs are read, nothing connects to a database.
const fs = require('node:fs');
const path = require('node:path');

async function main() {
  const dist = path.resolve(__dirname, '..', 'dist', 'apps', 'api', 'src');
  const { NestFactory } = require('@nestjs/core');
  const { FastifyAdapter } = require('@nestjs/platform-fastify');
  const { loadConfig, buildOpenApiDocument } = require(
    path.join(dist, '..', '..', '..', 'libs', 'platform', 'src'),
  );
  const { AppModule } = require(path.join(dist, 'app.module'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview',
  });
  const app = await NestFactory.create(
    AppModule.register({ config, databaseUrl: config.databaseUrl }),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  const document = buildOpenApiDocument(app);
  const file = path.resolve(__dirname, '..', 'docs', 'openapi.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(
    `Wrote ${path.relative(process.cwd(), file)} (${Object.keys(document.paths).length} paths)\n`,
  );
  await app.close();
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
