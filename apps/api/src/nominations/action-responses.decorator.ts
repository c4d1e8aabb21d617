import { ApiHeader, ApiParam, ApiResponse } from '@nestjs/swagger';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { actionPendingSchema, actionResultSchema } from './action-result.schema';

/** The answer and the refusals every action can meet, documented once. */
export function ActionResponses(status: 200 | 201): MethodDecorator {
  return (target, key, descriptor) => {
    ApiResponse({
      status,
      description: 'accepted: the new stage, stream version and store position',
      schema: openApiSchema(actionResultSchema),
    })(target, key, descriptor);
    ApiResponse({
      status: 202,
      description:
        'accepted by the workflow but not applied within the request’s deadline (the store out of reach): ' +
        'it will be; poll the route given (also in Location)',
      schema: openApiSchema(actionPendingSchema),
    })(target, key, descriptor);
    ApiErrors([400, 401, 403, 404, 409, 413, 503], {
      400: 'bad input, e.g. NOMINEE_UNIT_UNKNOWN, NOMINEE_UNIT_NOT_PROPOSING',
      403: 'role, scope, own-unit vote, recusal, separation of duties',
      503:
        'not applied: STORE_UNAVAILABLE, TEMPORAL_UNAVAILABLE, NO_WORKER (Temporal up, no worker took it in time), ' +
        'NOMINATION_BUSY (queued behind the nomination’s other actions for the whole deadline); retry with the same ' +
        'Idempotency-Key',
    })(target, key, descriptor);
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'a retry with the same key returns the first answer',
    })(target, key, descriptor);
    ApiParam({ name: 'id', required: false })(target, key, descriptor);
  };
}
