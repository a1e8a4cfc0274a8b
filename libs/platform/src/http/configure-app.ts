import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import { requestId, requestLogger } from '../logging';
import { BodyRequiredInterceptor, refuseNonJsonBodies } from './body';
import { ETagInterceptor } from './etag';
import { NullabilityPipe } from './nullability.pipe';
import { NormalizeTextPipe } from './normalize-text.pipe';
import { problem, ProblemDetailsFilter, sendProblem } from './problem-details.filter';
import { createValidationPipe } from './validation';

export const API_TITLE = 'S&T activity tracker API';

/** The groups of the API, in the order the docs show them. */
export const API_TAGS: Record<string, string> = {
  auth: 'Sign in and out; your own account',
  users: 'Accounts and roles (administrator)',
  registry: 'Administrative units, organisations and people',
  sessions: 'Working sessions with districts: participants, opinions and conclusions',
  tasks: 'Follow-up tasks and their progress',
  programmes: 'Programmes that fund IP registrations and projects',
  enterprises: 'S&T enterprises, their certificates and support needs',
  'ip-registrations': 'Trademark, collective mark, certification mark and GI registrations',
  projects: 'Projects and models: the households taking part, indicators and results',
  reports:
    'Leadership reports: a district’s year, the overview, task follow-up (JSON, CSV, XLSX, PDF)',
  audit: 'Who changed what, when',
  health: 'Liveness and readiness',
};

/** The OpenAPI document of the app as it is configured. */
export function buildOpenApiDocument(app: INestApplication, version = '0.1.0'): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(API_TITLE)
    .setDescription(
      'Working sessions of a Department of Science and Technology with its districts, their ' +
        'follow-up tasks, and the registry of administrative units, organisations and people. ' +
        'Errors are RFC 9457 problem details (application/problem+json). Updates and deletes ' +
        'need If-Match with the ETag of the version read.',
    )
    .setVersion(version)
    .addServer('/')
    // Tokens are opaque (random, stored hashed), not JWTs.
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description:
        'The accessToken of POST /api/v1/auth/login, sent as Authorization: Bearer <token>',
    });
  for (const [name, description] of Object.entries(API_TAGS)) config.addTag(name, description);
  return SwaggerModule.createDocument(app, config.build(), {
    operationIdFactory: (_controller, method) => method,
  });
}

/**
 * Helmet's security headers, worked out once at start: with its default options (no CSP nonces)
 * they depend on nothing in the request, and running its dozen middlewares on every request cost
 * more than a fast route's own work. Helmet still decides what they are.
 */
function securityHeaders(): (req: Request, res: Response, next: NextFunction) => void {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  let failure: Error | undefined;
  helmet()({} as never, recorder as never, (error?: unknown) => {
    if (error !== undefined) failure = error as Error;
  });
  if (failure !== undefined) throw failure;
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

interface BodyParserError extends Error {
  status?: number;
  type?: string;
  limit?: number;
}

/**
 * One setup shared by main.ts, the tests and the OpenAPI export, so tests exercise the real
 * bootstrap: security headers, CORS, body limit, rate limit, validation, problem details, ETags
 * and the docs.
 */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // A record's ETag is its version (ETagInterceptor); Express would otherwise hash every other
  // body (a list page: 30 KB of SHA-1 per request) for a weak ETag no client is told about.
  app.set('etag', false);
  app.use((req: Request, res: Response, next: NextFunction) => {
    requestId(req, res);
    next();
  });
  app.use(requestLogger(config));
  app.use(securityHeaders());
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      exposedHeaders: ['ETag', 'X-Request-Id', 'Retry-After', 'Location'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  }
  if (config.rateLimitPerMinute > 0) {
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: config.rateLimitPerMinute,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        skip: (req) => req.path.startsWith('/health/'),
        handler: (req: Request, res: Response) => {
          res.setHeader('Retry-After', '60');
          sendProblem(req, res, problem(429, 'Too many requests from this address; slow down'));
        },
      }),
    );
  }
  app.use(refuseNonJsonBodies);
  app.use(
    express.json({ limit: config.bodyLimit, type: ['application/json', 'application/*+json'] }),
  );
  // Parser failures (bad JSON, too large) become problem details like every other error.
  app.use((error: BodyParserError, req: Request, res: Response, next: NextFunction) => {
    if (!error || res.headersSent) return next(error);
    if (error.type === 'entity.too.large') {
      return sendProblem(
        req,
        res,
        problem(413, `The body is larger than the limit of ${config.bodyLimit}`),
      );
    }
    if (error.type === 'entity.parse.failed') {
      return sendProblem(req, res, problem(400, 'The body is not valid JSON'));
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      return sendProblem(req, res, problem(error.status, error.message));
    }
    return next(error);
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(new BodyRequiredInterceptor(), new ETagInterceptor());

  // Built once, when first needed (the first request with a body, or /docs): scanning every
  // route takes a noticeable part of the start otherwise.
  let document: OpenAPIObject | undefined;
  const openApiDocument = () => (document ??= buildOpenApiDocument(app));
  // Null is refused where the document does not allow it, so the two always agree.
  app.useGlobalPipes(
    new NormalizeTextPipe(),
    createValidationPipe(),
    new NullabilityPipe(openApiDocument),
  );
  SwaggerModule.setup('docs', app, openApiDocument, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: API_TITLE,
  });
}
