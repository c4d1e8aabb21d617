import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { ActionPending } from './action-pending';
import { ApiError } from './api-error';
import { ApiErrorCode } from './error-codes';
import type { ApiRequest, ApiResponse } from './http';
import { isStoreUnreachable } from '@laurel/infra/event-store/sql/unreachable';
import { apiErrorFromTemporal } from './temporal-errors';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: ApiErrorCode.UNAUTHENTICATED,
  403: 'FORBIDDEN',
  404: ApiErrorCode.ROUTE_NOT_FOUND,
  405: 'METHOD_NOT_ALLOWED',
  413: ApiErrorCode.PAYLOAD_TOO_LARGE,
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: ApiErrorCode.RATE_LIMITED,
};

interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: Record<string, unknown> };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * The API's one exception filter: everything that escapes a route — our
 * ApiErrors, Nest's own 404/400/413, the throttler's 429, a Temporal error
 * nobody mapped, a bug — leaves as `{ error: { code, message, details } }`.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@InjectPinoLogger(ApiExceptionFilter.name) private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<ApiRequest>();
    const response = http.getResponse<ApiResponse>();
    if (exception instanceof ActionPending && !response.headersSent) {
      response.statusCode = 202;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Location', exception.poll);
      response.end(JSON.stringify(exception.toBody()));
      return;
    }
    const { status, body } = this.render(exception, request);
    if (response.headersSent) return;
    response.statusCode = status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (status === 429) response.setHeader('Retry-After', '60');
    response.end(JSON.stringify(body));
  }

  private render(exception: unknown, request: ApiRequest): { status: number; body: ErrorBody } {
    if (exception instanceof ApiError) return { status: exception.status, body: exception.toBody() };
    if (exception instanceof ThrottlerException) {
      const error = new ApiError(429, ApiErrorCode.RATE_LIMITED, 'too many attempts; wait a minute and retry');
      return { status: 429, body: error.toBody() };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? ApiErrorCode.INTERNAL : 'HTTP_ERROR');
      return { status, body: { error: { code, message: messageOf(exception), details: {} } } };
    }
    const temporal = apiErrorFromTemporal(exception, request.params?.['id'] ?? '');
    if (temporal) return { status: temporal.status, body: temporal.toBody() };
    if (isStoreUnreachable(exception)) {
      this.logger.warn({ err: exception, url: request.originalUrl ?? request.url }, 'event store unreachable');
      const error = new ApiError(
        503,
        ApiErrorCode.STORE_UNAVAILABLE,
        'the event store is not answering; retry shortly',
        {},
      );
      return { status: 503, body: error.toBody() };
    }
    this.logger.error({ err: exception, url: request.originalUrl ?? request.url }, 'unhandled error');
    return {
      status: 500,
      body: { error: { code: ApiErrorCode.INTERNAL, message: 'internal error; it has been logged', details: {} } },
    };
  }
}
