import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiRequest } from '../common/http';
import { idempotencyKeySchema } from './request-schemas';

/**
 * The `Idempotency-Key` header, if sent. It becomes the Update's id, so a
 * client that retries after a lost answer gets the first answer again
 * instead of acting twice.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const raw = context.switchToHttp().getRequest<ApiRequest>().headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!parsed.success) {
    throw new ApiError(400, ApiErrorCode.INVALID_HEADER, 'Idempotency-Key must be 1-200 visible ASCII characters');
  }
  return parsed.data;
});
