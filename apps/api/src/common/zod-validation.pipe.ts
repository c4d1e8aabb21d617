import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { ApiErrorCode } from './error-codes';
import { normaliseStrings } from './nfc';

export interface ValidationIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    code: issue.code,
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}

/**
 * Validates a body or query with a zod schema (strict objects: an unknown
 * field is a 400, not silently dropped), after putting every string in NFC.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly where: 'body' | 'query' = 'body',
  ) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(normaliseStrings(value ?? (this.where === 'body' ? undefined : {})));
    if (parsed.success) return parsed.data;
    const issues = issuesOf(parsed.error);
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ApiError(
      400,
      this.where === 'body' ? ApiErrorCode.INVALID_BODY : ApiErrorCode.INVALID_QUERY,
      `invalid ${this.where}: ${summary}`,
      { issues },
    );
  }
}
