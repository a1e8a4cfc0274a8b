import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule, PinoLogger as NestPinoLogger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import pino, { type Logger as PinoLogger, type LogFn } from 'pino';
import type { AppConfig } from './config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * A request id per request: the caller's `X-Request-Id` when it is sane, else a new UUID. Fastify
 * asks for it as the request arrives (`genReqId`), so even a body refused before its route
 * carries it; it stays on the Node request for the request log.
 */
export function requestId(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  return id;
}

/** Nest's start-up chatter (a line per module and per route, ~90 in all): debug, not info. */
const STARTUP_CONTEXTS = new Set([
  'RoutesResolver',
  'RouterExplorer',
  'InstanceLoader',
  'NestFactory',
]);

/**
 * True for a Nest start-up line. "Nest application successfully started" is one too: it comes
 * before the port is bound, so a start that then fails would look successful; main.ts says
 * "API listening" once it truly is.
 */
export function isStartupChatter(args: unknown[]): boolean {
  const first = args[0] as { context?: unknown } | null | undefined;
  if (typeof first !== 'object' || first === null || typeof first.context !== 'string') {
    return false;
  }
  return (
    STARTUP_CONTEXTS.has(first.context) ||
    (first.context === 'NestApplication' && /successfully started/.test(String(args[1])))
  );
}

/** The level of a request's log line: errors and 5xx at error, 4xx at warn, the rest at info. */
function requestLogLevel(
  _req: IncomingMessage,
  res: ServerResponse,
  error?: Error,
): 'error' | 'warn' | 'info' {
  return error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
}

/**
 * JSON logs (pino) for the app's own logs (Nest's Logger goes through it). Tokens and cookies are
 * never logged. The module mounts no request middleware: nestjs-pino's binds a request-scoped
 * logger through AsyncLocalStorage, which costs every request (and every promise in it) more than
 * its handler does on the fast routes; `requestLogger` logs each request instead, and the few
 * in-request logs (5xx) name the request id themselves.
 */
export function loggerModule(config: Pick<AppConfig, 'logLevel' | 'logPretty'>) {
  return LoggerModule.forRoot({
    forRoutes: [],
    pinoHttp: {
      level: config.logLevel,
      hooks: {
        logMethod(this: PinoLogger, args: Parameters<LogFn>, method: LogFn, level: number) {
          if (level === this.levels.values.info && isStartupChatter(args)) {
            this.debug(...args);
            return;
          }
          method.apply(this, args);
        },
      },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      transport: config.logPretty
        ? { target: 'pino-pretty', options: { singleLine: true } }
        : undefined,
    },
  });
}

/**
 * One log line per request (id, method, URL, status, time) on the app's logger (the one the
 * logger module made, else a plain one at `logLevel`); /health/ is not logged.
 */
export function requestLogger(
  config: Pick<AppConfig, 'logLevel'>,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const logger =
    (NestPinoLogger.root as unknown as PinoLogger<string> | undefined) ??
    pino<string>({ level: config.logLevel });
  return pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel: requestLogLevel,
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
