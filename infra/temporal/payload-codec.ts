import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import type { PayloadLike, WorkflowHistoryLike } from '../audit/reconcile';
import { decodeJsonPayload } from '../audit/reconcile';
import { ConfigError, type LaurelConfig } from '../config/config';
import { dataFolderKey } from '../runtime/key-file';

/**
 * AES-256-GCM encryption of every Temporal payload (workflow and activity
 * inputs and results, update arguments and results, query answers): secret
 * ballot choices travel through update arguments, and the domain forbids them
 * in plain text in the Temporal history.
 *
 * An encrypted payload carries `encoding: binary/encrypted` and the id of its
 * key; its data is nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes), the
 * ciphertext being the original payload (metadata and data) in a small framing
 * of our own, so the payload converter sees the payload exactly as it was.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_FILE = 'payload-key';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

/**
 * The id a key goes by in payload metadata: derived from the key itself, so
 * processes given the same key agree on it without a setting of its own, and
 * operators can compare the ids the processes log at start.
 */
export function payloadKeyId(key: Uint8Array): string {
  return createHash('sha256').update('laurel-payload-key\0').update(key).digest('hex').slice(0, 16);
}

export class AesGcmPayloadCodec implements PayloadCodec {
  /** Id of the key new payloads are encrypted with. */
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  /** `current` encrypts; `old` keys (earlier rotations) only decrypt. */
  constructor(current: Uint8Array, old: readonly Uint8Array[] = []) {
    for (const key of [current, ...old]) {
      if (key.length !== 32) throw new Error(`a payload key must be 32 bytes, not ${key.length}`);
      this.keys.set(payloadKeyId(key), Buffer.from(key));
    }
    this.keyId = payloadKeyId(current);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.keyId)!;
    return payloads.map((payload) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(additionalData(this.keyId));
      const sealed = Buffer.concat([cipher.update(frame(payload)), cipher.final()]);
      return {
        metadata: { encoding: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(this.keyId) },
        data: Buffer.concat([nonce, sealed, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  private decodeOne(payload: Payload): Payload {
    const encoding = payload.metadata?.['encoding'];
    // Histories written before encryption (and the recorded ones in test/histories) stay readable.
    if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    const keyId = idBytes ? fromUtf8.decode(idBytes) : '(none)';
    const key = this.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `payload encrypted with key ${keyId}, which this process does not have (it has ${[...this.keys.keys()].join(', ')}): ` +
          'give every API and worker process the same TEMPORAL_PAYLOAD_KEY, and earlier keys in TEMPORAL_PAYLOAD_KEYS_OLD',
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < NONCE_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(`encrypted payload (key ${keyId}) is too short to be one`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES));
    decipher.setAAD(additionalData(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`encrypted payload (key ${keyId}) failed authentication: it was altered`);
    }
    return unframe(plain);
  }
}

/** Binds the ciphertext to its key id, so the metadata cannot be swapped unnoticed. */
function additionalData(keyId: string): Buffer {
  return Buffer.from(`${ENCRYPTED_ENCODING}\0${keyId}`, 'utf8');
}

/** count (u16), then per metadata entry: key length (u16), key, value length (u32), value; then the data. */
function frame(payload: Payload): Buffer {
  const entries = Object.entries(payload.metadata ?? {});
  const parts: Buffer[] = [u16(entries.length)];
  for (const [name, value] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    parts.push(u16(nameBytes.length), nameBytes, u32(value.length), Buffer.from(value));
  }
  parts.push(Buffer.from(payload.data ?? new Uint8Array()));
  return Buffer.concat(parts);
}

function unframe(bytes: Buffer): Payload {
  let at = 0;
  const count = bytes.readUInt16BE(at);
  at += 2;
  const metadata: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) {
    const nameLength = bytes.readUInt16BE(at);
    at += 2;
    const name = bytes.toString('utf8', at, at + nameLength);
    at += nameLength;
    const valueLength = bytes.readUInt32BE(at);
    at += 4;
    metadata[name] = new Uint8Array(bytes.subarray(at, at + valueLength));
    at += valueLength;
  }
  return { metadata, data: new Uint8Array(bytes.subarray(at)) };
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Where the current key came from, for the start-up log line. */
export type PayloadKeySource = 'TEMPORAL_PAYLOAD_KEY' | 'data folder';

/**
 * The current key: TEMPORAL_PAYLOAD_KEY when set; otherwise one generated on
 * first start and kept in `<LAUREL_DATA_DIR>/payload-key` (mode 0600, never in
 * the repository), so the embedded setup encrypts without any setting. A
 * malformed key file stops the process instead of being replaced: replacing
 * it would leave every existing history unreadable.
 */
export async function payloadKey(config: LaurelConfig): Promise<{ key: Buffer; source: PayloadKeySource }> {
  if (config.TEMPORAL_PAYLOAD_KEY) {
    return { key: Buffer.from(config.TEMPORAL_PAYLOAD_KEY, 'base64'), source: 'TEMPORAL_PAYLOAD_KEY' };
  }
  if (config.DATABASE_URL || config.KURRENTDB_URL) {
    // With a shared store the API and the workers run as separate processes, often on other
    // machines: keys generated per data folder would differ, and each would refuse the other's payloads.
    throw new ConfigError([
      'TEMPORAL_PAYLOAD_KEY: required with DATABASE_URL or KURRENTDB_URL, the same for every API and worker ' +
        'process (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)',
    ]);
  }
  const key = await dataFolderKey(config.LAUREL_DATA_DIR, KEY_FILE, {
    key: 'a payload key',
    setting: 'TEMPORAL_PAYLOAD_KEY',
  });
  return { key, source: 'data folder' };
}

export type ConfiguredPayloadCodec = AesGcmPayloadCodec & { readonly keySource: PayloadKeySource };

/** The codec every production client and worker uses; see `payloadKey` for where the key comes from. */
export async function payloadCodecFor(config: LaurelConfig): Promise<ConfiguredPayloadCodec> {
  const { key, source } = await payloadKey(config);
  const old = config.TEMPORAL_PAYLOAD_KEYS_OLD.map((k) => Buffer.from(k, 'base64'));
  return Object.assign(new AesGcmPayloadCodec(key, old), { keySource: source });
}

/** Client and Worker option: the default payload converter, then the codec on the wire. */
export function dataConverterWith(codec: PayloadCodec | null): DataConverter {
  return codec ? { payloadCodecs: [codec] } : {};
}

/**
 * A `decodePayload` for `reconcile`: the history of `handle.fetchHistory()` is
 * raw (the client's codecs never touch it), and reconciliation is synchronous,
 * so the start input and the update arguments and results it reads are
 * decrypted here beforehand.
 * A payload that cannot be decrypted (a key this process lacks) reads as
 * undefined, which skips the checks that need it; the state query, which needs
 * the same key, then reports the cause.
 */
export async function historyPayloadDecoder(
  history: WorkflowHistoryLike,
  codecs: readonly PayloadCodec[],
): Promise<(payload: PayloadLike) => unknown> {
  const plain = new Map<PayloadLike, unknown>();
  for (const event of history.events ?? []) {
    const args = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads;
    const result = event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads;
    const input = event.workflowExecutionStartedEventAttributes?.input?.payloads;
    for (const payload of [args?.[0], result?.[0], input?.[0]]) {
      if (payload) plain.set(payload, await decodeThrough(codecs, payload));
    }
  }
  return (payload) => (plain.has(payload) ? plain.get(payload) : decodeJsonPayload(payload));
}

async function decodeThrough(codecs: readonly PayloadCodec[], payload: PayloadLike): Promise<unknown> {
  let decoded: Payload[] = [{ metadata: { ...payload.metadata }, data: payload.data ?? null }];
  try {
    // Codecs encode in array order, so they decode in reverse (as the SDK does).
    for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
  } catch {
    return undefined;
  }
  return decodeJsonPayload(decoded[0]!);
}
