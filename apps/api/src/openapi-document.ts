import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { openApiComponents } from './common/openapi';

/**
 * The API's OpenAPI document, read from the controllers' decorators plus the
 * named response schemas. Served at /docs and written by
 * scripts/export-openapi.ts for the web app's generated client: one function,
 * so the two cannot differ.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Laurel')
      .setDescription(
        'Commendation nominations (thi đua – khen thưởng) as durable, audited workflows. ' +
          'Every error is `{ "error": { "code", "message", "details" } }`. Actions answer ' +
          '`{ nominationId, stage, outcome?, version, position }`; pass `position` as `X-Laurel-Position` ' +
          'to a read to see your own write.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  return {
    ...document,
    components: { ...document.components, schemas: { ...document.components?.schemas, ...openApiComponents() } },
  };
}

/** The document as JSON with every object's keys sorted: the same code gives the same bytes. */
export function stableOpenApiJson(document: OpenAPIObject): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
