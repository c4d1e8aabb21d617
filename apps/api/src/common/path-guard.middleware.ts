import { Injectable, type NestMiddleware } from '@nestjs/common';
import { ApiError } from './api-error';
import { ApiErrorCode } from './error-codes';
import type { ApiRequest, ApiResponse, NextFunction } from './http';
import { stampArrival } from './request-deadline';

/** Nomination ids are UUIDs (the API makes them: random, or v5 of an idempotency key). */
const NOMINATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Refuses a path that cannot name anything before any route sees it: bad
 * percent-encoding or a control character (a NUL would reach SQL and Temporal
 * ids) is 400 INVALID_PATH, and a nomination id that is not a UUID is 400
 * INVALID_ID, so that only well-formed ids are ever looked up.
 */
@Injectable()
export class PathGuardMiddleware implements NestMiddleware {
  use(req: ApiRequest, _res: ApiResponse, next: NextFunction): void {
    stampArrival(req);
    const raw = (req.originalUrl ?? req.url ?? '/').split('?')[0] ?? '/';
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      throw new ApiError(400, ApiErrorCode.INVALID_PATH, 'the path is not valid percent-encoding', {});
    }
    if (CONTROL.test(path)) {
      throw new ApiError(400, ApiErrorCode.INVALID_PATH, 'the path contains a control character', {});
    }
    const segments = path.split('/');
    // /nominations/:id/… ; the web app's own routes live under /app and are left to it.
    if (segments[1] === 'nominations' && segments[2] !== undefined && segments[2] !== '') {
      if (!NOMINATION_ID.test(segments[2])) {
        throw new ApiError(400, ApiErrorCode.INVALID_ID, 'a nomination id is a UUID', {
          id: segments[2].slice(0, 60),
        });
      }
    }
    next();
  }
}
