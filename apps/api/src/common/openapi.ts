import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The OpenAPI schema of a zod schema: the same object validates requests and
 * documents them, so /docs cannot drift from what the API accepts.
 */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
  const { $schema: _ignored, ...rest } = json as Record<string, unknown>;
  return rest as SchemaObject;
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ example: 'WRONG_STAGE' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
