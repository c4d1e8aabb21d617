import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import { loadConfig } from '../config/config';
import type { WorkflowHistoryLike } from '../audit/reconcile';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
  historyPayloadDecoder,
  payloadCodecFor,
  payloadKeyId,
} from './payload-codec';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

function jsonPayload(value: unknown): Payload {
  return {
    metadata: { encoding: Buffer.from('json/plain') },
    data: Buffer.from(JSON.stringify(value)),
  };
}

const opinion = { actor: { userId: 'u-council-1' }, recommendation: 'reject', comment: 'ý kiến kín' };

describe('AesGcmPayloadCodec', () => {
  const key = randomBytes(32);
  const codec = new AesGcmPayloadCodec(key);

  it('round-trips payloads, metadata included, and names its key', async () => {
    const payloads = [jsonPayload(opinion), { metadata: { encoding: Buffer.from('binary/null') } }, jsonPayload([])];
    const encoded = await codec.encode(payloads);
    expect(encoded).toHaveLength(3);
    for (const p of encoded) {
      expect(text(p.metadata!['encoding'])).toBe(ENCRYPTED_ENCODING);
      expect(text(p.metadata![KEY_ID_METADATA])).toBe(payloadKeyId(key));
      expect(text(p.data)).not.toContain('reject');
      expect(text(p.data)).not.toContain('ý kiến kín');
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => text(p.metadata!['encoding']))).toEqual(['json/plain', 'binary/null', 'json/plain']);
    expect(JSON.parse(text(decoded[0]!.data))).toEqual(opinion);
    expect(decoded[1]!.data).toHaveLength(0);
    expect(await codec.encode([])).toEqual([]);
  });

  it('uses a fresh nonce for every payload', async () => {
    const [a, b] = await codec.encode([jsonPayload(opinion), jsonPayload(opinion)]);
    expect(text(a!.data)).not.toBe(text(b!.data));
  });

  it('refuses a payload whose ciphertext, nonce or tag was altered', async () => {
    const [sealed] = await codec.encode([jsonPayload(opinion)]);
    for (const at of [0, 20, sealed!.data!.length - 1]) {
      const data = Buffer.from(sealed!.data!);
      data[at] = data[at]! ^ 0x01;
      await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(/failed authentication/);
    }
    await expect(codec.decode([{ ...sealed, data: sealed!.data!.subarray(0, 10) }])).rejects.toThrow(
      PayloadDecryptionError,
    );
  });

  it('passes payloads that are not encrypted through untouched (histories written before encryption)', async () => {
    const plain = jsonPayload(opinion);
    const [decoded] = await codec.decode([plain]);
    expect(decoded).toBe(plain);
    const bare: Payload = { data: Buffer.from('x') };
    expect((await codec.decode([bare]))[0]).toBe(bare);
  });

  it('fails clearly on a key id it does not have', async () => {
    const [sealed] = await new AesGcmPayloadCodec(randomBytes(32)).encode([jsonPayload(opinion)]);
    await expect(codec.decode([sealed!])).rejects.toThrow(
      /encrypted with key [0-9a-f]{16}, which this process does not have/,
    );
    const relabelled = { ...sealed, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from(codec.keyId) } };
    // Claiming another key's id gets nowhere: the tag does not verify under that key.
    await expect(codec.decode([relabelled])).rejects.toThrow(/failed authentication/);
  });

  it('decrypts with old keys after a rotation, and encrypts with the new one only', async () => {
    const old = randomBytes(32);
    const [before] = await new AesGcmPayloadCodec(old).encode([jsonPayload(opinion)]);
    const rotated = new AesGcmPayloadCodec(randomBytes(32), [old]);
    expect(JSON.parse(text((await rotated.decode([before!]))[0]!.data))).toEqual(opinion);
    const [after] = await rotated.encode([jsonPayload(opinion)]);
    expect(text(after!.metadata![KEY_ID_METADATA])).toBe(rotated.keyId);
    expect(rotated.keyId).not.toBe(payloadKeyId(old));
  });
});

describe('the configured payload key', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'laurel-payload-key-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is TEMPORAL_PAYLOAD_KEY when set, and nothing is written', async () => {
    const key = randomBytes(32);
    const codec = await payloadCodecFor(
      loadConfig({ LAUREL_DATA_DIR: dataDir, TEMPORAL_PAYLOAD_KEY: key.toString('base64') }),
    );
    expect(codec.keyId).toBe(payloadKeyId(key));
    expect(codec.keySource).toBe('TEMPORAL_PAYLOAD_KEY');
    await expect(stat(join(dataDir, 'payload-key'))).rejects.toThrow();
  });

  it('is generated once into the data folder, readable by its owner only, and reused', async () => {
    const config = loadConfig({ LAUREL_DATA_DIR: join(dataDir, 'fresh') });
    const first = await payloadCodecFor(config);
    const second = await payloadCodecFor(config);
    expect(second.keyId).toBe(first.keyId);
    expect(first.keySource).toBe('data folder');
    const file = join(dataDir, 'fresh', 'payload-key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(payloadKeyId(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64'))).toBe(first.keyId);
  });

  it('is required, not generated, when the store is shared and processes run apart', async () => {
    for (const shared of [
      { DATABASE_URL: 'postgres://db/laurel' },
      { KURRENTDB_URL: 'kurrentdb://db:2113?tls=false' },
    ]) {
      await expect(payloadCodecFor(loadConfig({ LAUREL_DATA_DIR: dataDir, ...shared }))).rejects.toThrow(
        /TEMPORAL_PAYLOAD_KEY: required with DATABASE_URL or KURRENTDB_URL/,
      );
    }
    await expect(stat(join(dataDir, 'payload-key'))).rejects.toThrow();
  });

  it('stops at a damaged key file instead of replacing it', async () => {
    await writeFile(join(dataDir, 'payload-key'), 'not a key\n');
    await expect(payloadCodecFor(loadConfig({ LAUREL_DATA_DIR: dataDir }))).rejects.toThrow(/is not a payload key/);
  });

  it('refuses keys of the wrong length or alphabet at boot, naming the setting', () => {
    for (const bad of [randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), 'é'.repeat(44)]) {
      expect(() => loadConfig({ TEMPORAL_PAYLOAD_KEY: bad })).toThrow(/TEMPORAL_PAYLOAD_KEY: must be the base64 of 32/);
    }
    expect(() => loadConfig({ TEMPORAL_PAYLOAD_KEYS_OLD: `${randomBytes(32).toString('base64')},short` })).toThrow(
      /TEMPORAL_PAYLOAD_KEYS_OLD/,
    );
  });

  it('keeps old keys for decoding', async () => {
    const old = randomBytes(32);
    const [before] = await new AesGcmPayloadCodec(old).encode([jsonPayload(opinion)]);
    const codec = await payloadCodecFor(
      loadConfig({
        LAUREL_DATA_DIR: dataDir,
        TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
        TEMPORAL_PAYLOAD_KEYS_OLD: ` ${old.toString('base64')} ,`,
      }),
    );
    expect(JSON.parse(text((await codec.decode([before!]))[0]!.data))).toEqual(opinion);
  });
});

describe('historyPayloadDecoder', () => {
  it("reads the history's update arguments and results through the codecs, and plain ones as before", async () => {
    const codec = new AesGcmPayloadCodec(randomBytes(32));
    const [args] = await codec.encode([jsonPayload(opinion)]);
    const [result] = await codec.encode([jsonPayload({ version: 3 })]);
    const [foreign] = await new AesGcmPayloadCodec(randomBytes(32)).encode([jsonPayload(opinion)]);
    const plain = jsonPayload({ version: 4 });
    const history: WorkflowHistoryLike = {
      events: [
        {
          workflowExecutionUpdateAcceptedEventAttributes: {
            acceptedRequest: { input: { args: { payloads: [args!] } } },
          },
        },
        { workflowExecutionUpdateCompletedEventAttributes: { outcome: { success: { payloads: [result!] } } } },
        { workflowExecutionUpdateCompletedEventAttributes: { outcome: { success: { payloads: [plain] } } } },
        {
          workflowExecutionUpdateAcceptedEventAttributes: {
            acceptedRequest: { input: { args: { payloads: [foreign!] } } },
          },
        },
      ],
    };
    const decode = await historyPayloadDecoder(history, [codec]);
    expect(decode(args!)).toEqual(opinion);
    expect(decode(result!)).toEqual({ version: 3 });
    expect(decode(plain)).toEqual({ version: 4 });
    // A key this process lacks: unreadable, so the checks that need it are skipped rather than the whole report failing.
    expect(decode(foreign!)).toBeUndefined();
  });
});
