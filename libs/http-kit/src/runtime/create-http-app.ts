import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { INestApplication, Type } from '@nestjs/common';
import { serveConsole } from './console-assets';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppError, newId, type IdempotencyStore } from '@ooh/eventing';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { addValidationConstraints } from '../errors/openapi-constraints';
import { completeContract } from '../errors/openapi-problems';
import { sendProblem } from '../errors/problem.filter';
import { etagHook } from '../http/etag-hook';
import { answerUndeclaredMethods } from '../http/method-not-allowed';
import { parseJsonBody } from '../http/json-body';
import pino from 'pino';
import { createServer, type RequestListener } from 'node:http';
import { PinoNestLogger } from '../observability/pino-nest-logger';
import { PrometheusInstrumentation } from '../observability/prometheus-instrumentation';
import type { PlatformConfig } from './platform-config';
import { IDEMPOTENCY, INSTRUMENTATION, TOKEN_SERVICE } from './tokens';
import { registerIdempotency } from '../http/idempotency';
import { claimsOf, registerVerifiedCaller } from '../auth/verified-caller';
import { Readiness } from './readiness';
import type { TokenService } from '../auth/token.service';

const CORRELATION = /^[A-Za-z0-9._:-]{8,128}$/;

export interface HttpAppOptions {
  title: string;
  description?: string;
  /** Pino destination; tests pass a silent logger. */
  logger?: pino.Logger;
  /** The event feed's AsyncAPI document, served (like the OpenAPI one, without a token) at /asyncapi.json. */
  asyncApi?: object;
  /** Never listens (a thread that only runs the subscriptions): no API documents, no console. */
  headless?: boolean;
}

/**
 * One way to build every service's HTTP host: Fastify with body limits, correlation ids in every log
 * line and response, multipart for evidence, OpenAPI at /openapi.json and Swagger UI at /docs.
 */
export async function createHttpApp(rootModule: Type<unknown> | object, config: PlatformConfig, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: options.title } });
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // A slow client (headers or body trickled in) is cut off, and an idle connection closed; Node checks
    // the request timeout every connectionsCheckingInterval, so that is a fraction of it.
    serverFactory: (handler: RequestListener) => {
      const server = createServer(
        {
          requestTimeout: config.requestTimeoutMs,
          headersTimeout: Math.min(config.requestTimeoutMs, 60_000),
          keepAliveTimeout: Math.min(72_000, config.connectionTimeoutMs),
          connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(config.requestTimeoutMs / 4))),
        },
        handler,
      );
      server.setTimeout(config.connectionTimeoutMs);
      server.maxConnections = config.maxConnections;
      return server;
    },
    loggerInstance: logger,
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'correlationId' }),
    genReqId: (req) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION.test(given) ? given : newId();
    },
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(error, request, reply),
  } as ConstructorParameters<typeof FastifyAdapter>[0]);
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as Type<unknown>, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const readiness = app.get(Readiness);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-correlation-id', String(request.id));
    // Shutting down: a connection is closed after its answer, else a client's keep-alive connection
    // that was busy when the server began to close would stay open, idle, until its timeout.
    if (readiness.isDraining) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('preSerialization', etagHook);
  registerIdempotency(fastify, app.get<IdempotencyStore>(IDEMPOTENCY));
  answerUndeclaredMethods(fastify);
  registerVerifiedCaller(fastify, app.get<TokenService>(TOKEN_SERVICE));
  fastify.addHook('onRequest', async (request) => {
    const hasBody = request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
    if (!hasBody && request.headers['transfer-encoding'] === undefined) return;
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/json' && type !== 'multipart/form-data') {
      throw new AppError('invalid', 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json (or multipart/form-data for evidence)');
    }
  });
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  if (config.rateLimitPerMinute > 0) {
    // Per caller: the verified subject of a valid token, else the address (an invalid or forged token
    // counts against the address); probes and metrics are never limited.
    await app.register(rateLimit as never, {
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (request: FastifyRequest) => isProbe(request.url),
      keyGenerator: (request: FastifyRequest) => callerKey(request),
      errorResponseBuilder: (_request: FastifyRequest, context: { after: string; max: number }) =>
        new AppError('rate-limited', 'RATE_LIMITED', `More than ${context.max} requests a minute; retry in ${context.after}`),
    });
  }
  const instrumentation = app.get<PrometheusInstrumentation>(INSTRUMENTATION);
  fastify.addHook('onResponse', async (request, reply) => {
    instrumentation.httpSeconds.labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });
  await app.register(multipart as never, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 } });
  if (options.headless) return app;
  await serveConsole(app);
  setupOpenApi(app, options);
  const { asyncApi } = options;
  if (asyncApi) fastify.get('/asyncapi.json', async (_request, reply) => reply.type('application/json').send(asyncApi));
  return app;
}

const isProbe = (url: string) => {
  const path = url.split('?')[0];
  return path === '/health' || path.startsWith('/health/') || path === '/metrics';
};

/** The verified subject of the request's token, or its address when it has none or an invalid one (no bucket of its own). */
function callerKey(request: FastifyRequest): string {
  const claims = claimsOf(request);
  return claims ? `sub:${claims.sub}` : `ip:${request.ip}`;
}

function setupOpenApi(app: INestApplication, options: HttpAppOptions): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description ?? '')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, completeContract(addValidationConstraints(app, document)), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}
