import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { ApiOptions } from '../api-options';
import { API_OPTIONS } from '../tokens';
import type { ApiRequest } from './http';

/**
 * One overall deadline per request, counted from its arrival (stamped by the
 * first middleware that sees it, PathGuardMiddleware): the time spent parsing,
 * authenticating and queued behind the same nomination's other requests all
 * count against it, so five concurrent votes during an outage are all answered
 * at about the same time instead of one after another.
 */
const deadlines = new AsyncLocalStorage<number>();

/** The deadline of the request being served, or `now + fallbackMs` outside one (a CLI, a test calling a handler). */
export function requestDeadline(fallbackMs: number): number {
  return deadlines.getStore() ?? Date.now() + fallbackMs;
}

export function stampArrival(req: ApiRequest): void {
  req.arrivedAt ??= Date.now();
}

/** Runs the route inside its request's deadline. */
@Injectable()
export class RequestDeadlineInterceptor implements NestInterceptor {
  constructor(@Inject(API_OPTIONS) private readonly options: ApiOptions) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const deadline = (request.arrivedAt ?? Date.now()) + this.options.actionTimeoutMs;
    return new Observable((subscriber) => {
      const subscription = deadlines.run(deadline, () => next.handle().subscribe(subscriber));
      return () => subscription.unsubscribe();
    });
  }
}
