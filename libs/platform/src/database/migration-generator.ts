import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';

interface SqlQuery {
  query: string;
  parameters?: unknown[];
}

function literal(value: unknown, database: string): string {
  if (value === null || value === undefined) return 'NULL';
  // TypeORM records generated columns under the database's name; a copy or a renamed database
  // must match too, so the name is never written into a migration.
  if (value === database) return 'current_database()';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** One statement with its parameters inlined as SQL literals. */
function inline(q: SqlQuery, database: string): string {
  const params = q.parameters ?? [];
  return q.query
    .replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1], database))
    .trim();
}

function templateLiteral(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

function render(className: string, up: string[], down: string[]): string {
  const lines = (statements: string[]) =>
    statements.map((sql) => `    await queryRunner.query(${templateLiteral(sql)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

/** The statements that would bring the database to the entities: empty when they agree. */
export async function pendingSchemaChanges(
  dataSource: DataSource,
): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  const database = String(dataSource.driver.database);
  return {
    up: log.upQueries.map((q) => inline(q, database)),
    down: [...log.downQueries].reverse().map((q) => inline(q, database)),
  };
}

/**
 * Writes `migrations/<timestamp>-<name>.ts` from the difference between the entities and the
 * database; returns its path, or undefined when there is nothing to migrate.
 */
export async function generateMigration(
  dataSource: DataSource,
  name: string,
  directory: string,
  now = new Date(),
): Promise<string | undefined> {
  const { up, down } = await pendingSchemaChanges(dataSource);
  if (up.length === 0) return undefined;
  const timestamp = now.getTime();
  const pascal = name.replace(/(^|[-_\s]+)(\w)/g, (_, __, c: string) => c.toUpperCase());
  const file = path.join(directory, `${timestamp}-${pascal}.ts`);
  await fs.writeFile(file, render(`${pascal}${timestamp}`, up, down));
  return file;
}
