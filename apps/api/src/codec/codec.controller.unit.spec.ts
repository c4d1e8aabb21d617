// Who the codec endpoint serves, decided before any payload is opened. The e2e
// suite drives it over real HTTP from this machine; a caller on another machine
// cannot be made here, so that case is given a request whose socket says so.
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { loadConfig } from '@laurel/infra/config/config';
import { AesGcmPayloadCodec } from '@laurel/infra/temporal/payload-codec';
import type { TokenVerifier } from '../auth/token-verifier';
import { ApiError } from '../common/api-error';
import type { ApiRequest, ApiResponse } from '../common/http';
import { CodecController } from './codec.controller';

const UI = 'http://127.0.0.1:8233';
const plain = {
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from('{"a":1}').toString('base64'),
};

function controller(origins: string) {
  const client = { options: { loadedDataConverter: { payloadCodecs: [new AesGcmPayloadCodec(randomBytes(32))] } } };
  const verifier: TokenVerifier = {
    verify: (token: string) =>
      token === 'admin-token'
        ? Promise.resolve({ userId: 'admin', role: 'admin' })
        : Promise.reject(new ApiError(401, 'INVALID_TOKEN', 'bad token')),
  } as unknown as TokenVerifier;
  return new CodecController(client as unknown as Client, loadConfig({ TEMPORAL_UI_CODEC_ORIGINS: origins }), verifier);
}

function request(remoteAddress: string, headers: Record<string, string> = {}): ApiRequest {
  return { headers: { host: '127.0.0.1:3000', ...headers }, socket: { remoteAddress } } as unknown as ApiRequest;
}

function response(): ApiResponse & { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  return { headers, setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value) } as never;
}

async function refusal(call: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return { status: error.status, code: error.code };
}

describe('codec endpoint admission', () => {
  it('refuses a caller on another machine without a token', async () => {
    const codec = controller(UI);
    expect(await refusal(codec.encode(request('10.0.0.5', { origin: UI }), response(), { payloads: [plain] }))).toEqual(
      {
        status: 401,
        code: 'UNAUTHENTICATED',
      },
    );
  });

  it('serves a caller on another machine with an admin token', async () => {
    const codec = controller(UI);
    const answer = await codec.encode(request('10.0.0.5', { authorization: 'Bearer admin-token' }), response(), {
      payloads: [plain],
    });
    expect(answer.payloads).toHaveLength(1);
  });

  it('serves this machine without a token, and names only a configured origin', async () => {
    const codec = controller(`${UI},http://localhost:8233`);
    const allowed = response();
    await codec.encode(request('::ffff:127.0.0.1', { origin: 'http://localhost:8233' }), allowed, {
      payloads: [plain],
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:8233');
    // A tool without a browser (the Temporal CLI) sends no Origin.
    const cli = await codec.encode(request('127.0.0.1'), response(), { payloads: [plain] });
    expect(cli.payloads).toHaveLength(1);
  });

  it('without a token, refuses another origin, a non-local host name (DNS rebinding) and a proxied request', async () => {
    const codec = controller(UI);
    const body = { payloads: [plain] };
    const foreign = response();
    expect(await refusal(codec.decode(request('127.0.0.1', { origin: 'http://evil.example' }), foreign, body))).toEqual(
      {
        status: 403,
        code: 'ORIGIN_NOT_ALLOWED',
      },
    );
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      await refusal(codec.decode(request('127.0.0.1', { host: 'evil.example:3000', origin: UI }), response(), body)),
    ).toEqual({ status: 403, code: 'HOST_NOT_ALLOWED' });
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      expect(
        await refusal(codec.decode(request('127.0.0.1', { [header]: '203.0.113.9', origin: UI }), response(), body)),
      ).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    }
    // The same requests with an admin token are served: the token, not the network, says who asks.
    const served = await codec.decode(
      request('127.0.0.1', {
        host: 'laurel.example',
        'x-forwarded-for': '203.0.113.9',
        authorization: 'Bearer admin-token',
      }),
      response(),
      body,
    );
    expect(served.payloads).toHaveLength(1);
  });

  it('is off without configured origins, even for an admin', async () => {
    const codec = controller('');
    expect(
      await refusal(
        codec.decode(request('127.0.0.1', { authorization: 'Bearer admin-token' }), response(), { payloads: [plain] }),
      ),
    ).toEqual({ status: 404, code: 'NOT_FOUND' });
  });
});
