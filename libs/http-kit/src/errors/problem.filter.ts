import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem-details';

/** Every error leaves as application/problem+json with the correlation id; 5xx are logged. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}

export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const body = toProblem(exception);
  body.instance = request.url;
  body.correlationId = String(request.id);
  if (body.status >= 500) request.log?.error({ err: exception }, 'unhandled error');
  if (body.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
  if (typeof body.retryAfterSeconds === 'number') void reply.header('Retry-After', String(body.retryAfterSeconds));
  void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}
