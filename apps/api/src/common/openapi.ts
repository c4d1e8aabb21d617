import { ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Response schemas by name: each becomes `components.schemas.<name>` of the
 * document, and a schema nested in another named one becomes a `$ref`, so a
 * generated client gets one type per name instead of a copy per route.
 */
const namedSchemas = z.registry<{ id: string }>();

/** Where a named schema lives in the OpenAPI document. */
function componentRef(name: string): string {
  return `#/components/schemas/${name}`;
}

/** OpenAPI 3.0 schema objects have no `$id` or `$schema`; zod writes both. */
function withoutJsonSchemaKeywords(json: object): SchemaObject {
  const { $schema: _schema, $id: _id, ...rest } = json as Record<string, unknown>;
  return rest as SchemaObject;
}

// `io: 'input'` leaves objects open (no additionalProperties: false): a field
// added later is not a breaking change for a client generated today.
const JSON_SCHEMA_OPTIONS = { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' } as const;

/**
 * Gives a response schema its name in the document (`components.schemas`).
 * Returns the schema, so it reads `export const fooSchema = named('Foo', z.object(…))`.
 */
export function named<S extends z.ZodType>(name: string, schema: S): S {
  if (namedSchemas.has(schema)) throw new Error(`schema ${name} is already named ${namedSchemas.get(schema)?.id}`);
  namedSchemas.add(schema, { id: name });
  return schema;
}

/**
 * The OpenAPI schema of a zod schema: the same object validates requests and
 * documents them, so /docs cannot drift from what the API accepts. A named
 * schema (see `named`) is a `$ref` to its component.
 */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  const name = namedSchemas.get(schema)?.id;
  if (name !== undefined) return { $ref: componentRef(name) } as SchemaObject;
  return withoutJsonSchemaKeywords(z.toJSONSchema(schema, JSON_SCHEMA_OPTIONS));
}

/** Every named schema, for `components.schemas`; names sorted so the document's bytes are stable. */
export function openApiComponents(): Record<string, SchemaObject> {
  const { schemas } = z.toJSONSchema(namedSchemas, { ...JSON_SCHEMA_OPTIONS, uri: componentRef });
  return Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((name) => [name, withoutJsonSchemaKeywords(schemas[name]!)]),
  );
}

export const errorBodySchema = named(
  'ErrorBody',
  z.object({
    error: z.object({
      code: z.string().meta({ example: 'WRONG_STAGE' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  }),
);

/**
 * Compile-time proof that what a handler returns is what its schema
 * documents: `Described<HandlerResult, typeof schema>` fails to compile when
 * the handler's type has a field the schema types differently, or lacks one the
 * schema requires. Readonly is ignored (zod infers mutable arrays).
 */
export type Described<T extends Wire<z.output<S>>, S extends z.ZodType> = T;

/** `z.output` with every array and property readonly, as the handlers' types are. */
export type Wire<T> = T extends readonly (infer U)[]
  ? readonly Wire<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Wire<T[K]> }
    : T;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

const ERROR_DESCRIPTIONS: Readonly<Record<ErrorStatus, string>> = {
  400: 'bad input (INVALID_BODY, INVALID_QUERY, MALFORMED_JSON, INVALID_COMMAND, …)',
  401: 'no or invalid token',
  403: 'the role or scope may not use this route',
  404: 'unknown nomination',
  409: 'not allowed in this stage, already done, or a concurrent change',
  413: 'body too large',
  429: 'too many attempts',
  503: 'Temporal, the store or the read models unreachable or behind',
};

/**
 * Documents the refusals a route can answer, each with the one error body.
 * `descriptions` replaces the generic wording where a route has a sharper one.
 */
export function ApiErrors(
  statuses: readonly ErrorStatus[],
  descriptions: Partial<Record<ErrorStatus, string>> = {},
): MethodDecorator {
  return (target, key, descriptor) => {
    for (const status of statuses) {
      ApiResponse({
        status,
        description: descriptions[status] ?? ERROR_DESCRIPTIONS[status],
        schema: openApiSchema(errorBodySchema),
      })(target, key, descriptor);
    }
  };
}

/**
 * One query parameter per field of a query-string schema, each with its own
 * schema and whether it is required: a generated client then sends
 * `?stage=…&limit=…`, never one object-valued parameter.
 */
export function ApiQueryParameters(schema: z.ZodObject): MethodDecorator {
  return (target, key, descriptor) => {
    for (const [name, field] of Object.entries(schema.shape)) {
      const fieldSchema = field as z.ZodType;
      const { description, ...parameterSchema } = openApiSchema(fieldSchema);
      ApiQuery({
        name,
        required: !fieldSchema.safeParse(undefined).success,
        schema: parameterSchema,
        ...(description !== undefined ? { description } : {}),
      })(target, key, descriptor);
    }
  };
}
