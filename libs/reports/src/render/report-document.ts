/**
 * A report as the file formats see it: titled tables (one per section) and bar charts, built
 * from the JSON report. CSV stacks the tables, XLSX gives each its sheet, the PDF prints them;
 * the figures are the JSON's, never recomputed.
 */
export type CellType = 'text' | 'integer' | 'number' | 'rate' | 'date' | 'boolean';

export interface Column {
  header: string;
  type: CellType;
  /** Relative width in the PDF and XLSX (characters). */
  width?: number;
}

export type Cell = string | number | boolean | null;

export interface Table {
  /** The section's title, also the XLSX sheet's name (at most 31 characters). */
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export interface BarChart {
  title: string;
  /** `rate`: values 0..1 drawn on a fixed 0–100 % scale. */
  scale: 'count' | 'rate';
  bars: { label: string; value: number | null }[];
}

export interface ReportDocument {
  /** ASCII file name without extension, e.g. `bao-cao-binh-thuy-2023`. */
  fileName: string;
  /** The file name as people read it, e.g. `Báo cáo Bình Thủy 2023`. */
  displayName: string;
  title: string;
  subtitle: string;
  periodLabel: string;
  /** `15/01/2026 10:00 (giờ Việt Nam)`. */
  generatedAt: string;
  tables: Table[];
  charts: BarChart[];
}

/** The headline figures table: section, figure, its API name (`tasks.onTimeRate`), value. */
export const FIGURE_COLUMNS: Column[] = [
  { header: 'Phần', type: 'text', width: 22 },
  { header: 'Chỉ tiêu', type: 'text', width: 40 },
  { header: 'Mã', type: 'text', width: 34 },
  { header: 'Giá trị', type: 'number', width: 12 },
];
