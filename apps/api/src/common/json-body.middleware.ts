import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { ApiRequest, ApiResponse, NextFunction } from './http';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { CONFIG } from '../tokens';
import { ApiError } from './api-error';
import { ApiErrorCode } from './error-codes';
import { bodyDefect } from './json-limits';

type BodyParser = (req: ApiRequest, res: ApiResponse, next: NextFunction) => void;
// body-parser ships no types of its own; this is the one function the API uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { json } = require('body-parser') as {
  json(options: {
    limit: number;
    strict: boolean;
    type: readonly string[];
    verify(req: ApiRequest, res: ApiResponse, buffer: Buffer): void;
  }): BodyParser;
};

/** Thrown from body-parser's verify hook; carries the API's own refusal through the parser. */
class BodyRefused extends Error {
  readonly type = 'laurel.body.refused';

  constructor(readonly refusal: ApiError) {
    super(refusal.message);
  }
}

function verifyBody(_req: ApiRequest, _res: ApiResponse, buffer: Buffer): void {
  const defect = bodyDefect(buffer);
  if (defect?.kind === 'encoding') {
    throw new BodyRefused(
      new ApiError(400, ApiErrorCode.INVALID_ENCODING, 'the request body is not valid UTF-8', {
        byteOffset: defect.offset,
      }),
    );
  }
  if (defect?.kind === 'depth') {
    throw new BodyRefused(
      new ApiError(400, ApiErrorCode.BODY_TOO_DEEP, `the request body nests deeper than ${defect.limit} levels`, {
        maxDepth: defect.limit,
      }),
    );
  }
}

interface BodyParserError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly limit?: unknown;
  readonly length?: unknown;
  readonly message?: unknown;
}

function asApiError(error: unknown, limitBytes: number): ApiError {
  if (error instanceof BodyRefused) return error.refusal;
  const e: BodyParserError = typeof error === 'object' && error !== null ? error : {};
  if (e.type === 'entity.too.large') {
    return new ApiError(413, ApiErrorCode.PAYLOAD_TOO_LARGE, `the request body exceeds ${limitBytes} bytes`, {
      limitBytes,
    });
  }
  if (e.type === 'entity.parse.failed') {
    return new ApiError(400, ApiErrorCode.MALFORMED_JSON, 'the request body is not valid JSON', {
      reason: typeof e.message === 'string' ? e.message : 'unparseable',
    });
  }
  return new ApiError(400, ApiErrorCode.INVALID_BODY, typeof e.message === 'string' ? e.message : 'unreadable body', {
    type: typeof e.type === 'string' ? e.type : null,
  });
}

/**
 * The JSON body parser, run as Nest middleware so that its failures (bad
 * JSON, a body over BODY_LIMIT) reach the one exception filter and get the
 * API's error shape; express's own parser would answer with HTML.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: BodyParser;
  private readonly limitBytes: number;

  constructor(@Inject(CONFIG) config: LaurelConfig) {
    this.limitBytes = config.BODY_LIMIT;
    this.parse = json({
      limit: this.limitBytes,
      strict: true,
      type: ['application/json', 'application/*+json'],
      verify: verifyBody,
    });
  }

  async use(req: ApiRequest, res: ApiResponse, next: NextFunction): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.parse(req, res, (error?: unknown) => (error ? reject(asApiError(error, this.limitBytes)) : resolve()));
    });
    next();
  }
}
