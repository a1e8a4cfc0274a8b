import { applyDecorators, StreamableFile, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems, GetRoute, type RouteOptions } from '@app/platform';
import type { ReportFormat } from '../dto/report-query.dto';
import type * as Csv from './csv';
import { contentDisposition } from './file-name';
import type * as Pdf from './pdf';
import type { ReportDocument } from './report-document';
import type * as Xlsx from './xlsx';

// The renderers load their libraries (exceljs, pdfkit and its fonts: about a third of the
// modules the server would load, and their memory) on the first file asked for, not at start.
/* eslint-disable @typescript-eslint/no-require-imports */
const renderers = {
  csv: (): typeof Csv => require('./csv') as typeof Csv,
  xlsx: (): typeof Xlsx => require('./xlsx') as typeof Xlsx,
  pdf: (): typeof Pdf => require('./pdf') as typeof Pdf,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const MEDIA_TYPES: Record<Exclude<ReportFormat, 'json'>, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const BINARY = { schema: { type: 'string', format: 'binary' } };

/**
 * A report's route: `GET` for the roles and scope given, answering the JSON report (`response`)
 * or, with `format=`, the same report as a file. The document lists the four media types of the
 * 200 answer, the files as binary, and the problems it can give (400 for a bad query, 404 for a
 * unit or organisation out of the caller's scope).
 */
export function ReportRoute(
  path: string,
  options: RouteOptions & { response: Type<unknown>; problems: number[] },
): MethodDecorator {
  return applyDecorators(
    GetRoute(path, options),
    ApiProblems(...options.problems),
    ApiExtraModels(options.response),
    ApiResponse({
      status: 200,
      description:
        'The report: JSON by default; with `format=csv|xlsx|pdf` a file (Content-Disposition: attachment, with its name)',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(options.response) } },
        'text/csv': BINARY,
        [MEDIA_TYPES.xlsx]: BINARY,
        [MEDIA_TYPES.pdf]: BINARY,
      },
    }),
  );
}

/**
 * The report as asked: the JSON as it is, or the file rendered from it with its name in
 * `Content-Disposition` (an ASCII name and the Vietnamese one).
 */
export async function answer<T>(
  response: Response,
  format: ReportFormat | undefined,
  report: T,
  toDocument: (report: T) => ReportDocument,
): Promise<T | StreamableFile> {
  if (format === undefined || format === 'json') return report;
  const document = toDocument(report);
  const body =
    format === 'csv'
      ? renderers.csv().renderCsv(document)
      : format === 'xlsx'
        ? await renderers.xlsx().renderXlsx(document)
        : await renderers.pdf().renderPdf(document);
  response.setHeader('Content-Type', MEDIA_TYPES[format]);
  response.setHeader(
    'Content-Disposition',
    contentDisposition(`${document.fileName}.${format}`, `${document.displayName}.${format}`),
  );
  return new StreamableFile(body);
}
