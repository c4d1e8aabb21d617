import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { comparePositions, formatPosition, parsePosition } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { ApiOptions } from '../api-options';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiRequest } from '../common/http';
import { API_OPTIONS, PROJECTIONS, STORES } from '../tokens';
import type { ReadModels } from './read-models';

export const POSITION_HEADER = 'x-laurel-position';

/** The position a read must see, from `X-Laurel-Position` or `?position=`; 400 when malformed. */
export function requestedPosition(request: ApiRequest): string | undefined {
  const header = request.headers[POSITION_HEADER];
  const query = request.query?.['position'];
  const raw = Array.isArray(header) ? header[0] : (header ?? (typeof query === 'string' ? query : undefined));
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    parsePosition(raw);
  } catch {
    throw new ApiError(
      400,
      ApiErrorCode.INVALID_HEADER,
      'position must look like "<commit>.<prepare>", as actions return it',
      {
        position: raw.slice(0, 60),
      },
    );
  }
  return raw.trim();
}

/**
 * Read-your-writes: a read that names the position an action returned waits
 * (bounded) until the projections have applied it, so the caller sees their
 * own change; if they do not get there in time the answer is 503
 * PROJECTION_BEHIND rather than stale data.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    @Inject(STORES) private readonly stores: Stores,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const position = requestedPosition(context.switchToHttp().getRequest<ApiRequest>());
    if (position !== undefined) {
      await this.refuseBeyondHead(position);
      const timeoutMs = this.options.readYourWritesTimeoutMs;
      if (!(await this.readModels.waitFor(position, timeoutMs))) {
        throw new ApiError(
          503,
          ApiErrorCode.PROJECTION_BEHIND,
          `the read models have not reached position ${position} within ${timeoutMs} ms; retry shortly`,
          { position, timeoutMs },
        );
      }
    }
    return next.handle();
  }

  /**
   * A position no action has returned can never be reached: 400 at once,
   * rather than a wait and a 503. Compared with the store's ceiling, not its
   * head, which may trail fresh appends while other transactions settle.
   */
  private async refuseBeyondHead(text: string): Promise<void> {
    const wanted = parsePosition(text);
    const ceiling = await this.stores.events.positionCeiling();
    if (comparePositions(wanted, ceiling) < 0) return;
    const head = await this.stores.events.headPosition();
    throw new ApiError(400, ApiErrorCode.POSITION_AHEAD, `position ${text} is beyond the store's head`, {
      position: text,
      head: formatPosition(head),
    });
  }
}
