import { shippedDir } from '@app/platform';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import { vietnameseDate } from '../period/report-period';
import type { BarChart, Cell, Column, ReportDocument, Table } from './report-document';

/**
 * Noto Sans (SIL Open Font License, `assets/fonts/OFL.txt`), shipped with the library and embedded
 * (subset) in every PDF: it has every Vietnamese letter. Found beside the sources or the build.
 */
const FONT_DIR = shippedDir(path.join('libs', 'reports', 'assets', 'fonts'), __dirname);

const REGULAR = path.join(FONT_DIR, 'NotoSans-Regular.ttf');
const BOLD = path.join(FONT_DIR, 'NotoSans-Bold.ttf');

const MARGIN = 40;
const FONT_SIZE = 8;
const CELL_PADDING = 3;
/** A printed list stops here; the XLSX and JSON carry every row. */
export const PDF_ROW_LIMIT = 300;
const BAR_COLOUR = '#2f6690';

/** Text options as given (kept as one place to add shared ones). */
function whole(options: PDFKit.Mixins.TextOptions = {}): PDFKit.Mixins.TextOptions {
  return options;
}

/** What pdfkit keeps of a registered font once used (its embedded font; not in its types). */
interface EmbeddedFont {
  layoutRun(text: string, features?: unknown): unknown;
}

/**
 * Keeps Vietnamese letters whole: without OpenType `ccmp`, Noto Sans draws its precomposed glyphs
 * (ị, ụ, ọ) instead of a letter and a combining dot, so text copied or extracted from the PDF
 * reads as written. Set on the font's own layout, so pdfkit's per-word cache still works (text
 * options with `features` bypass it: 6 s for a district-year). A fresh object each time: fontkit
 * fills it in.
 */
function keepLettersWhole(doc: PDFKit.PDFDocument, names: string[]): void {
  for (const name of names) {
    doc.font(name);
    const font = (doc as unknown as { _font: EmbeddedFont })._font;
    const layoutRun = font.layoutRun.bind(font);
    font.layoutRun = (text, features) => layoutRun(text, features ?? { ccmp: false });
  }
}
const HEADER_FILL = '#e8eef4';

function text(value: Cell, column: Column): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (typeof value === 'number') {
    if (column.type === 'rate') return `${(value * 100).toFixed(1).replace('.', ',')} %`;
    if (column.type === 'number' && !Number.isInteger(value))
      return value.toFixed(3).replace('.', ',');
    return value.toLocaleString('vi-VN');
  }
  if (column.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return vietnameseDate(value);
  return value;
}

class Printer {
  readonly doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true });
  private readonly width = this.doc.page.width - 2 * MARGIN;

  constructor(private readonly report: ReportDocument) {
    this.doc.registerFont('regular', REGULAR);
    this.doc.registerFont('bold', BOLD);
    keepLettersWhole(this.doc, ['regular', 'bold']);
    this.doc.info.Title = report.title;
    this.doc.info.Creator = 'S&T activity tracker';
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - 14;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(): void {
    const { doc, report } = this;
    doc
      .font('bold')
      .fontSize(15)
      .text(report.title, whole({ width: this.width }));
    doc
      .font('regular')
      .fontSize(10)
      .text(report.subtitle, whole({ width: this.width }));
    doc.text(report.periodLabel, whole());
    doc
      .fontSize(8)
      .fillColor('#555555')
      .text(`Lập lúc ${report.generatedAt}`, whole())
      .fillColor('black');
    doc.moveDown(0.8);
  }

  table(table: Table): void {
    const { doc } = this;
    const rows = table.rows.slice(0, PDF_ROW_LIMIT);
    this.ensure(40);
    doc
      .font('bold')
      .fontSize(11)
      .text(table.title, MARGIN, doc.y, whole({ width: this.width }));
    doc.moveDown(0.3);
    const total = table.columns.reduce((sum, c) => sum + (c.width ?? 14), 0);
    const widths = table.columns.map((c) => ((c.width ?? 14) / total) * this.width);
    const row = (cells: string[], bold: boolean, fill?: string) => {
      doc.font(bold ? 'bold' : 'regular').fontSize(FONT_SIZE);
      const height =
        Math.max(
          ...cells.map((cell, i) =>
            doc.heightOfString(cell || ' ', whole({ width: widths[i] - 2 * CELL_PADDING })),
          ),
        ) +
        2 * CELL_PADDING;
      if (doc.y + height > this.bottom) {
        doc.addPage();
      }
      const top = doc.y;
      let x = MARGIN;
      if (fill) doc.rect(MARGIN, top, this.width, height).fill(fill).fillColor('black');
      cells.forEach((cell, i) => {
        const numeric = ['integer', 'number', 'rate'].includes(table.columns[i].type);
        doc.text(
          cell,
          x + CELL_PADDING,
          top + CELL_PADDING,
          whole({ width: widths[i] - 2 * CELL_PADDING, align: numeric ? 'right' : 'left' }),
        );
        x += widths[i];
      });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + this.width, top + height)
        .lineWidth(0.3)
        .strokeColor('#bbbbbb')
        .stroke();
      doc.x = MARGIN;
      doc.y = top + height;
    };
    row(
      table.columns.map((c) => c.header),
      true,
      HEADER_FILL,
    );
    if (rows.length === 0) row(['(không có)', ...table.columns.slice(1).map(() => '')], false);
    for (const cells of rows)
      row(
        cells.map((value, i) => text(value, table.columns[i])),
        false,
      );
    if (table.rows.length > rows.length) {
      doc
        .font('regular')
        .fontSize(FONT_SIZE)
        .text(
          `… và ${table.rows.length - rows.length} dòng nữa (xem bản XLSX hoặc JSON).`,
          MARGIN,
          doc.y + 2,
          whole(),
        );
    }
    doc.moveDown(1);
  }

  /** Horizontal bars, drawn as vectors: a label, the bar, the value. */
  chart(chart: BarChart): void {
    const { doc } = this;
    const barHeight = 10;
    const gap = 4;
    this.ensure(30 + Math.min(chart.bars.length, 10) * (barHeight + gap));
    doc
      .font('bold')
      .fontSize(11)
      .text(chart.title, MARGIN, doc.y, whole({ width: this.width }));
    doc.moveDown(0.3);
    const labelWidth = this.width * 0.38;
    const valueWidth = 50;
    const barSpace = this.width - labelWidth - valueWidth - 8;
    const max = chart.scale === 'rate' ? 1 : Math.max(1, ...chart.bars.map((b) => b.value ?? 0));
    doc.font('regular').fontSize(FONT_SIZE);
    if (chart.bars.length === 0) doc.text('(không có số liệu)', MARGIN, doc.y, whole());
    for (const bar of chart.bars) {
      if (doc.y + barHeight + gap > this.bottom) doc.addPage();
      const top = doc.y;
      doc
        .fillColor('black')
        .text(
          bar.label,
          MARGIN,
          top,
          whole({ width: labelWidth - 4, height: barHeight + 2, ellipsis: true, lineBreak: false }),
        );
      const x = MARGIN + labelWidth;
      doc.rect(x, top, barSpace, barHeight).lineWidth(0.3).strokeColor('#cccccc').stroke();
      if (bar.value !== null && bar.value > 0) {
        doc.rect(x, top, (bar.value / max) * barSpace, barHeight).fill(BAR_COLOUR);
      }
      const value =
        bar.value === null
          ? '—'
          : chart.scale === 'rate'
            ? `${(bar.value * 100).toFixed(0)} %`
            : bar.value.toLocaleString('vi-VN');
      doc
        .fillColor('black')
        .text(value, x + barSpace + 6, top, whole({ width: valueWidth, lineBreak: false }));
      doc.x = MARGIN;
      doc.y = top + barHeight + gap;
    }
    doc.moveDown(1);
  }

  /** "Trang n/N" and the report's name at the foot of every page. */
  footers(): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const y = doc.page.height - MARGIN + 6;
      doc
        .font('regular')
        .fontSize(7)
        .fillColor('#777777')
        .text(
          `${this.report.title} · ${this.report.periodLabel}`,
          MARGIN,
          y,
          whole({ width: this.width - 60, lineBreak: false }),
        )
        .text(
          `Trang ${i + 1}/${range.count}`,
          MARGIN + this.width - 60,
          y,
          whole({ width: 60, align: 'right', lineBreak: false }),
        );
    }
  }
}

/** The report as an A4 PDF: title, period, generated-at time, the charts, then the tables. */
export function renderPdf(report: ReportDocument): Promise<Buffer> {
  const printer = new Printer(report);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    printer.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    printer.doc.on('end', () => resolve(Buffer.concat(chunks)));
    printer.doc.on('error', reject);
  });
  printer.heading();
  for (const chart of report.charts) printer.chart(chart);
  for (const table of report.tables) printer.table(table);
  printer.footers();
  printer.doc.end();
  return done;
}
