import { stringify } from 'csv-stringify/sync';
import type { Cell, ReportDocument } from './report-document';

/** Spreadsheet programs read a UTF-8 file right only with the byte order mark. */
const BOM = '\uFEFF';

function csvCell(value: Cell): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  return value;
}

/**
 * The report as one CSV (UTF-8 with BOM, CRLF): its title lines, then each table under its title,
 * with its header row, a blank line between tables. Numbers are plain (rates 0..1 with a dot),
 * dates YYYY-MM-DD, so the file parses back to the JSON's figures.
 */
export function renderCsv(report: ReportDocument): Buffer {
  const records: (string | number)[][] = [
    [report.title],
    [report.subtitle],
    [report.periodLabel],
    [`Lập lúc ${report.generatedAt}`],
  ];
  for (const table of report.tables) {
    records.push(
      [],
      [table.title],
      table.columns.map((c) => c.header),
    );
    for (const row of table.rows) records.push(row.map(csvCell));
  }
  return Buffer.from(BOM + stringify(records, { record_delimiter: 'windows' }), 'utf8');
}
