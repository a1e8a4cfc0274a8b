import rateLimit from '@fastify/rate-limit';
import { INestApplication, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DocumentBuilder,
  OpenAPIObject,
  type ReferenceObject,
  type SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import type { AppConfig } from '../config/app-config';
import { requestId, requestLogger } from '../logging';
import { BodyRequiredInterceptor } from './body';
import { TooManyRequestsError } from './domain-errors';
import { ETagInterceptor } from './etag';
import { NullabilityPipe } from './nullability.pipe';
import { NormalizeTextPipe } from './normalize-text.pipe';
import {
  problem,
  ProblemDetailsFilter,
  refusedRequest,
  sendProblem,
} from './problem-details.filter';
import { createValidationPipe } from './validation';
// Swagger UI's file server, loaded with the app's modules rather than when SwaggerModule.setup asks
// for it by name: a first start loads the app while initdb runs, and sets the app up only after.
import '@fastify/static';

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

/** Not a module of the app: a document that includes only it has no routes to scan. */
class NoModule {}

/**
 * The schemas the API's document has for one class (a request body) and for the classes it refers
 * to, by name, made by the same explorer as the whole document but without scanning every route.
 * The null check needs only these; building the whole document for it grew an idle server by
 * about 15 MB, on its first request with a body.
 */
export function documentedSchemas(
  app: INestApplication,
  type: Type<unknown>,
): Record<string, SchemaObject | ReferenceObject> {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
    include: [NoModule],
    extraModels: [type],
  });
  return document.components?.schemas ?? {};
}

/**
 * Helmet's security headers, worked out once at start: with its default options (no CSP nonces)
 * they depend on nothing in the request, and running its dozen middlewares on every request cost
 * more than a fast route's own work. Helmet still decides what they are.
 */
let headersOnce: Record<string, string> | undefined;
function securityHeaders(): Record<string, string> {
  if (headersOnce) return headersOnce;
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => (headers[name] = String(value)),
    removeHeader: () => undefined,
  };
  let failure: Error | undefined;
  helmet()({} as never, recorder as never, (error?: unknown) => {
    if (error !== undefined) failure = error as Error;
  });
  if (failure !== undefined) throw failure;
  return (headersOnce = headers);
}

/** What every answer carries, even one refused before its route: its id and helmet's headers. */
function stamp(request: FastifyRequest, reply: FastifyReply): void {
  void reply.headers(securityHeaders()).header('X-Request-Id', request.id);
}

/**
 * Fastify's default schema compiler factory (`@fastify/ajv-compiler` or
 * `@fastify/fast-json-stringify-compiler`, as Fastify itself resolves it), loaded when a route
 * with a schema first asks for it. The app validates with class-validator and answers with
 * JSON.stringify, so no route does: Fastify would otherwise load Ajv and build both compilers at
 * every start (a twentieth of it).
 */
function loadedOnFirstSchema<Factory extends (...args: never[]) => unknown>(name: string): Factory {
  let factory: Factory | undefined;
  return ((...args: Parameters<Factory>) => {
    factory ??= (createRequire(require.resolve('fastify'))(name) as () => Factory)();
    return factory(...args);
  }) as Factory;
}

/** The options of the Fastify instance under the app (bootstrap.ts). */
export function fastifyOptions(config: AppConfig): FastifyServerOptions {
  return {
    // A number is the count of proxies in front (as Express read it): Fastify 5 would trust none.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // The caller's X-Request-Id when it is sane, else a new one (logging.ts).
    genReqId: (req) => requestId(req),
    // Each request is logged once by requestLogger, on the app's logger.
    logger: false,
    // JSON.parse keeps "__proto__" as a plain key, which validation then refuses as unknown.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    // A path parameter of any length reaches its route, which says what is wrong with it (an id
    // must be a UUID); Node's header limit (16 KB) bounds the URL.
    routerOptions: { maxParamLength: 16_384 },
    schemaController: {
      compilersFactory: {
        buildValidator: loadedOnFirstSchema('@fastify/ajv-compiler'),
        buildSerializer: loadedOnFirstSchema('@fastify/fast-json-stringify-compiler'),
      },
    },
    // What the router refuses before any hook runs (a path that is not valid percent-encoded
    // UTF-8) is answered like every other error.
    frameworkErrors: (error, request, reply) => {
      stamp(request, reply);
      const status = error.statusCode ?? 400;
      sendProblem(
        request,
        reply,
        refusedRequest(error, config.bodyLimit) ??
          problem(status, STATUS_CODES[status] ?? 'The request is not valid'),
      );
    },
  };
}

/**
 * One setup shared by main.ts, the tests and the OpenAPI export, so tests exercise the real
 * bootstrap: security headers, CORS, body limit, rate limit, validation, problem details, ETags
 * and the docs.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const logRequest = requestLogger(config);
  // The first hook: even a request refused before its route (a body too large, a rate limit)
  // carries its id, the security headers and a log line.
  fastify.addHook('onRequest', (request, reply, done) => {
    stamp(request, reply);
    logRequest(request.raw, reply.raw, done);
  });
  // On close Fastify ends the idle keep-alive connections, not those busy with a request, which
  // would then idle until their keep-alive timeout (72 s) and hold the shutdown: from then on a
  // connection ends as soon as its answer is sent.
  fastify.addHook('preClose', (done) => {
    fastify.server.keepAliveTimeout = 1;
    done();
  });
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
    await app.register(rateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      enableDraftSpec: true,
      allowList: (request) => request.url.startsWith('/health/'),
      // Thrown, then answered by the problem-details filter like every other error.
      errorResponseBuilder: () =>
        new TooManyRequestsError('Too many requests from this address; slow down', 60),
    });
  }
  // JSON bodies only: any other type (Fastify reads text/plain too) is a 415. An empty one is
  // no body, for the route to require one or not, instead of a JSON syntax error.
  const parseJson = fastify.getDefaultJsonParser('ignore', 'ignore');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  for (const type of ['application/json', /^application\/[\w.+-]+\+json$/i]) {
    fastify.addContentTypeParser(type, { parseAs: 'string' }, (request, body, done) =>
      body === '' ? done(null, undefined) : parseJson(request, body as string, done),
    );
  }
  app.useGlobalFilters(new ProblemDetailsFilter({ bodyLimit: config.bodyLimit }));
  app.useGlobalInterceptors(new BodyRequiredInterceptor(), new ETagInterceptor());

  // Built once, on the first visit to /docs: scanning every route takes a noticeable part of the
  // start otherwise, and the document then stays in memory.
  let document: OpenAPIObject | undefined;
  const openApiDocument = () => (document ??= buildOpenApiDocument(app));
  // Null is refused where the document does not allow it, so the two always agree: the pipe
  // reads each body's schemas as the document makes them, when that body is first sent.
  app.useGlobalPipes(
    new NormalizeTextPipe(),
    createValidationPipe(),
    new NullabilityPipe((type) => documentedSchemas(app, type)),
  );
  SwaggerModule.setup('docs', app, openApiDocument, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: API_TITLE,
  });
}
