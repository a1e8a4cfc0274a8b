import ExcelJS from 'exceljs';
import type { Cell, Column, ReportDocument } from './report-document';

/** Sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 28)} ${n}`;
  taken.add(name);
  return name;
}

/** A date as Excel stores it: the calendar day at midnight UTC (exceljs counts days in UTC). */
function excelDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function typed(value: Cell, column: Column): ExcelJS.CellValue {
  if (value === null) return null;
  if (column.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return excelDate(value);
  }
  if (column.type === 'boolean' && typeof value === 'boolean') return value;
  return value;
}

const NUMBER_FORMATS: Partial<Record<Column['type'], string>> = {
  integer: '#,##0',
  rate: '0.0%',
  date: 'dd/mm/yyyy',
};

/**
 * The report as a workbook: a first sheet with the title, period and generated-at time, then one
 * sheet per table, typed cells (numbers as numbers, dates as dates, rates as percentages), the
 * header row frozen.
 */
export async function renderXlsx(report: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'S&T activity tracker';
  workbook.title = report.title;
  const taken = new Set<string>();
  for (const table of report.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, taken), {
      views: [{ state: 'frozen', ySplit: 4 }],
    });
    sheet.addRow([report.title]).font = { bold: true, size: 13 };
    sheet.addRow([`${report.subtitle} · ${report.periodLabel} · lập lúc ${report.generatedAt}`]);
    sheet.addRow([table.title]).font = { bold: true };
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    table.columns.forEach((column, i) => {
      sheet.getColumn(i + 1).width = Math.max(column.width ?? 14, column.header.length + 2);
      const format = NUMBER_FORMATS[column.type];
      if (format) sheet.getColumn(i + 1).numFmt = format;
    });
    for (const row of table.rows)
      sheet.addRow(row.map((value, i) => typed(value, table.columns[i])));
    // The title rows above the header are text whatever their column's format.
    for (const r of [1, 2, 3, 4]) sheet.getRow(r).numFmt = '@';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
