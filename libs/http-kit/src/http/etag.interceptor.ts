import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/** A response body with a numeric `revision` (a command result or one aggregate's view) gets `ETag: "<revision>"`. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body) => {
        const revision = (body as { revision?: unknown } | undefined)?.revision;
        if (typeof revision === 'number' && revision >= 0) {
          void context.switchToHttp().getResponse<FastifyReply>().header('ETag', `"${revision}"`);
        }
        return body;
      }),
    );
  }
}
