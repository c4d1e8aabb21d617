import type { Payload } from '@temporalio/common';
import { decodeJsonPayload } from '@laurel/infra/audit/reconcile';

const utf8 = new TextEncoder();

/**
 * Council opinions as the Temporal UI may show them: choice and comment sealed.
 * A payload does not say which award it belongs to, so every opinion is sealed,
 * secret ballot or not; auditors read open opinions through the API, which
 * knows the policy.
 */
function seal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(seal);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, seal(inner)] as const);
  const sealed = Object.fromEntries(entries) as Record<string, unknown>;
  if (typeof sealed['recommendation'] === 'string') {
    sealed['recommendation'] = 'sealed';
    if (typeof sealed['comment'] === 'string') sealed['comment'] = 'sealed';
  }
  return sealed;
}

/** The payload with council opinions sealed when it is plain JSON; any other payload as it is. */
export function withSealedOpinions(payload: Payload): Payload {
  const parsed = decodeJsonPayload(payload);
  return parsed === undefined ? payload : { ...payload, data: utf8.encode(JSON.stringify(seal(parsed))) };
}
