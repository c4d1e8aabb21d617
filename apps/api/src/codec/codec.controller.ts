import { Body, Controller, HttpCode, Inject, Options, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { Public } from '../auth/auth.decorators';
import { bearerToken } from '../auth/auth.guard';
import type { TokenVerifier } from '../auth/token-verifier';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import type { ApiRequest, ApiResponse as HttpResponse } from '../common/http';
import { ApiErrors, named, openApiSchema, type Described } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { CONFIG, TEMPORAL_CLIENT, TOKEN_VERIFIER } from '../tokens';
import { withSealedOpinions } from './sealed-ballots';

/**
 * Temporal's remote codec protocol: payloads as proto3 JSON (bytes in base64).
 * Proto3 JSON leaves out an empty list, so the CLI sends `{}` for no payloads
 * (a query without arguments): that is the empty list, not a bad body.
 */
const payloadsSchema = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string(), z.base64()).optional(), data: z.base64().optional() }))
    .max(1000)
    .default([]),
});
type PayloadsBody = z.output<typeof payloadsSchema>;
interface WirePayloads {
  readonly payloads: ReturnType<typeof toWire>[];
}

const wirePayloadsSchema = named(
  'CodecPayloads',
  z.object({
    payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()), data: z.string() })).meta({
      description: 'proto3 JSON payloads: metadata values and data in base64',
    }),
  }),
);

export type WirePayloadsDescribed = Described<WirePayloads, typeof wirePayloadsSchema>;

/** What both codec routes answer and refuse. */
function CodecResponses(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiBody({ schema: openApiSchema(payloadsSchema) })(target, key, descriptor);
    ApiOkResponse({ schema: openApiSchema(wirePayloadsSchema) })(target, key, descriptor);
    ApiErrors([400, 401, 403, 404, 413], {
      401: 'a call without a token from another machine or through a proxy, or an invalid token',
      403: 'only admins and auditors read workflow payloads; without a token, only a local host name and a configured origin',
      404: 'the endpoint is off: TEMPORAL_UI_CODEC_ORIGINS is unset',
    })(target, key, descriptor);
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Names a browser on this machine uses for Laurel; a page of another site rebinding its DNS sends its own name. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;
/** A reverse proxy on this machine makes every caller look local: then a token is needed. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'];
/** Who may read decrypted payloads with a token; without one, only a browser on this machine. */
const READERS = new Set(['admin', 'auditor']);

function fromWire(payload: PayloadsBody['payloads'][number]): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) metadata[key] = Buffer.from(value, 'base64');
  return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
}

function toWire(payload: Payload): { metadata: Record<string, string>; data: string } {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {}))
    metadata[key] = Buffer.from(value).toString('base64');
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}

/**
 * The payload codec endpoint for the Temporal UI (`--ui-codec-endpoint <API>/codec`):
 * the worker encrypts every payload, so without it admins see only
 * `binary/encrypted`. Off unless TEMPORAL_UI_CODEC_ORIGINS names the UI's origin.
 * The dev UI sends no token, so a call without one is served only to this
 * machine; with a token, only to admins and auditors. Council opinions stay sealed.
 */
@ApiTags('operations')
@Controller('codec')
@Public()
export class CodecController {
  private readonly codecs;

  constructor(
    @Inject(TEMPORAL_CLIENT) client: Client,
    @Inject(CONFIG) private readonly config: LaurelConfig,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {
    this.codecs = client.options.loadedDataConverter.payloadCodecs;
  }

  @Options(['decode', 'encode'])
  @HttpCode(204)
  // A browser's CORS preflight, no operation for a client to call.
  @ApiExcludeEndpoint()
  preflight(@Req() request: ApiRequest, @Res({ passthrough: true }) response: HttpResponse): void {
    this.allowOrigin(request, response);
    response.setHeader('Access-Control-Allow-Methods', 'POST');
    response.setHeader('Access-Control-Allow-Headers', 'content-type, x-namespace, authorization');
    response.setHeader('Access-Control-Max-Age', '600');
  }

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'decodePayloads',
    summary: 'Decrypt payloads for the Temporal UI (council opinions stay sealed)',
  })
  @CodecResponses()
  decode(
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: HttpResponse,
    @Body(new ZodValidationPipe(payloadsSchema)) body: PayloadsBody,
  ): Promise<WirePayloads> {
    // Codecs encode in array order, so they decode in reverse.
    const steps = [...this.codecs].reverse().map((codec) => (p: Payload[]) => codec.decode(p));
    return this.transcode(request, response, body, steps, withSealedOpinions);
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'encodePayloads',
    summary: 'Encrypt payloads the Temporal UI sends (a signal or an update typed in the UI)',
  })
  @CodecResponses()
  encode(
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: HttpResponse,
    @Body(new ZodValidationPipe(payloadsSchema)) body: PayloadsBody,
  ): Promise<WirePayloads> {
    const steps = this.codecs.map((codec) => (p: Payload[]) => codec.encode(p));
    return this.transcode(request, response, body, steps, (payload) => payload);
  }

  private async transcode(
    request: ApiRequest,
    response: HttpResponse,
    body: PayloadsBody,
    steps: readonly ((payloads: Payload[]) => Promise<Payload[]>)[],
    finish: (payload: Payload) => Payload,
  ): Promise<WirePayloads> {
    await this.admit(request, response);
    let payloads = body.payloads.map(fromWire);
    for (const step of steps) payloads = await this.run(() => step(payloads));
    return { payloads: payloads.map(finish).map(toWire) };
  }

  private async run(step: () => Promise<Payload[]>): Promise<Payload[]> {
    try {
      return await step();
    } catch (error) {
      // A payload this key cannot open (tampered, or another key): the caller's input, not our failure.
      throw new ApiError(400, ApiErrorCode.INVALID_BODY, `cannot decode the payloads: ${(error as Error).message}`);
    }
  }

  private async admit(request: ApiRequest, response: HttpResponse): Promise<void> {
    if (this.config.TEMPORAL_UI_CODEC_ORIGINS.length === 0) {
      throw new ApiError(404, 'NOT_FOUND', 'the codec endpoint is off; set TEMPORAL_UI_CODEC_ORIGINS to the UI origin');
    }
    this.allowOrigin(request, response);
    const token = bearerToken(request.headers.authorization);
    if (token !== undefined) {
      const user = await this.verifier.verify(token);
      if (!READERS.has(user.role)) {
        throw new ApiError(403, 'ROLE_NOT_ALLOWED', `the role ${user.role} may not read workflow payloads`, {
          role: user.role,
          allowed: [...READERS],
        });
      }
      return;
    }
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      throw new ApiError(
        401,
        ApiErrorCode.UNAUTHENTICATED,
        'from another machine the codec endpoint needs an admin or auditor token',
      );
    }
    // Without a token, "this machine" must really be a browser or tool on this machine talking to Laurel by a
    // local name: not a request relayed by a proxy, not a page of another origin (DNS rebinding).
    if (PROXY_HEADERS.some((name) => request.headers[name] !== undefined)) {
      throw new ApiError(
        401,
        ApiErrorCode.UNAUTHENTICATED,
        'behind a proxy the codec endpoint needs an admin or auditor token',
      );
    }
    if (!LOOPBACK_HOST.test(request.headers.host ?? '')) {
      throw new ApiError(
        403,
        'HOST_NOT_ALLOWED',
        'without a token the codec endpoint answers only to a local host name',
        {
          host: (request.headers.host ?? '').slice(0, 100),
        },
      );
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !this.config.TEMPORAL_UI_CODEC_ORIGINS.includes(origin)) {
      throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'this origin may not use the codec endpoint', {
        origin: origin.slice(0, 100),
        allowed: this.config.TEMPORAL_UI_CODEC_ORIGINS,
      });
    }
  }

  private allowOrigin(request: ApiRequest, response: HttpResponse): void {
    const origin = request.headers.origin;
    if (origin && this.config.TEMPORAL_UI_CODEC_ORIGINS.includes(origin)) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
      response.setHeader('Vary', 'Origin');
    }
  }
}
