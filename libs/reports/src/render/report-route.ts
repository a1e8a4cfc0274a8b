import { applyDecorators, StreamableFile, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, GetRoute, type RouteOptions } from '@app/platform';
import type { ReportFormat } from '../dto/report-query.dto';
import type * as Csv from './csv';
import { contentDisposition } from './file-name';
import type * as Pdf from './pdf';
import type { MadeReport, ReportBody } from './report-cache';
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
 * The report as asked, as bytes to send: the JSON as it is (or as text already written), or the
 * file rendered from it with its name in `Content-Disposition` (an ASCII name and the Vietnamese
 * one).
 */
export async function render<T>(
  format: ReportFormat | undefined,
  make: () => Promise<T>,
  toDocument: (report: T) => ReportDocument,
  jsonText?: () => Promise<string>,
): Promise<ReportBody> {
  if (format === undefined || format === 'json') {
    const text = jsonText ? await jsonText() : JSON.stringify(await make());
    return { body: Buffer.from(text, 'utf8'), contentType: 'application/json; charset=utf-8' };
  }
  const document = toDocument(await make());
  const body =
    format === 'csv'
      ? renderers.csv().renderCsv(document)
      : format === 'xlsx'
        ? await renderers.xlsx().renderXlsx(document)
        : await renderers.pdf().renderPdf(document);
  return {
    body,
    contentType: MEDIA_TYPES[format],
    contentDisposition: contentDisposition(
      `${document.fileName}.${format}`,
      `${document.displayName}.${format}`,
    ),
  };
}

/**
 * Sends a report's bytes with their headers: gzipped when the client accepts it and the report is
 * text (a district's year with its lists is megabytes of JSON, a tenth of that gzipped).
 */
export async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  report: MadeReport,
): Promise<StreamableFile> {
  void reply.header('Content-Type', report.contentType);
  if (report.contentDisposition) {
    void reply.header('Content-Disposition', report.contentDisposition);
  }
  const gzipped = report.gzipped();
  let body = report.body;
  if (gzipped) {
    void reply.header('Vary', 'Accept-Encoding');
    // No Accept-Encoding: any encoding will do (RFC 9110 12.5.3), as Express read it.
    const accepted = request.headers['accept-encoding'] ?? '*';
    if (negotiate(accepted, ['gzip', 'identity']) === 'gzip') {
      body = await gzipped;
      void reply.header('Content-Encoding', 'gzip');
    }
  }
  return new StreamableFile(body, { length: body.length });
}
