import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import type { ActionProof } from '@laurel/workflows/nomination/messages';
import type { JsonObject } from '../event-store/port';

/**
 * The API's signed statement of who asked for an action, which the workflow's
 * update validator checks (workflows/nomination/nomination.workflow.ts). Ed25519, so workers and auditors hold only public keys: a worker, or
 * anyone who reads its settings, can check a proof but never make one.
 *
 * The signature covers a canonical encoding of: the proof's version and key
 * id, the workflow (hence the nomination), the update's name (hence the
 * command type), the update id (the idempotency key), the actor, and a
 * sha256 of the update's whole argument (actor included, proof excluded). The
 * digest, not the arguments, is kept in the stored event, so `verify` can
 * check the proof from the event's metadata alone; it reveals nothing the
 * event's data does not (a secret ballot's choice is stored as data too).
 */
export const ACTION_PROOF_VERSION = 1;
const DOMAIN_SEPARATOR = 'laurel-action-proof-v1\n';

const canonicalJson = configure({ deterministic: true, strict: true, circularValue: Error, bigint: false });

function canonical(value: unknown): string {
  const text = canonicalJson(value);
  if (text === undefined) throw new TypeError('not serialisable as JSON');
  return text;
}

/** What a proof is made over; all of it is known to the workflow and kept in the stored event. */
export interface SignedAction {
  readonly keyId: string;
  readonly workflowId: string;
  readonly update: string;
  readonly updateId: string;
  readonly actor: unknown;
  readonly argsDigest: string;
}

export function signedMessage(action: SignedAction): Buffer {
  return Buffer.from(
    DOMAIN_SEPARATOR +
      canonical({
        v: ACTION_PROOF_VERSION,
        keyId: action.keyId,
        workflowId: action.workflowId,
        update: action.update,
        updateId: action.updateId,
        actor: action.actor,
        argsDigest: action.argsDigest,
      }),
    'utf8',
  );
}

/** sha256 (hex) of an update's argument without its proof. */
export function argsDigest(args: Record<string, unknown>): string {
  const { proof: _proof, ...rest } = args;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

/** Derived from the public key, so every process given the same key names it alike. */
export function actionKeyId(publicKey: Uint8Array): string {
  return createHash('sha256').update('laurel-action-key\0').update(publicKey).digest('hex').slice(0, 16);
}

// DER prefixes of PKCS#8 (private) and SPKI (public) Ed25519 keys; the raw 32 bytes follow.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function privateKeyOf(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new Error(`an action signing key must be 32 bytes, not ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyOf(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error(`an action verify key must be 32 bytes, not ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The raw public key (32 bytes) of a signing key's seed. */
export function actionPublicKey(seed: Uint8Array): Buffer {
  const der = createPublicKey(privateKeyOf(seed)).export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(der.length - 32));
}

/** Makes proofs; only the API holds one. */
export class ActionSigner {
  readonly keyId: string;
  readonly publicKey: Buffer;
  private readonly key: KeyObject;

  constructor(seed: Uint8Array) {
    this.key = privateKeyOf(seed);
    this.publicKey = actionPublicKey(seed);
    this.keyId = actionKeyId(this.publicKey);
  }

  /**
   * Signs another statement of the API's (a stream checkpoint): `domain` is
   * the statement kind's own separator, so no such signature can pass as an
   * action proof, nor one kind for another.
   */
  signStatement(domain: string, value: unknown): string {
    if (domain === DOMAIN_SEPARATOR) throw new Error('action proofs are signed by prove()');
    return sign(null, Buffer.from(domain + canonical(value), 'utf8'), this.key).toString('base64');
  }

  /** The proof for one update's argument (which must carry the actor). */
  prove(workflowId: string, update: string, updateId: string, args: Record<string, unknown>): ActionProof {
    const digest = argsDigest(args);
    const message = signedMessage({
      keyId: this.keyId,
      workflowId,
      update,
      updateId,
      actor: args['actor'] ?? null,
      argsDigest: digest,
    });
    return {
      v: ACTION_PROOF_VERSION,
      keyId: this.keyId,
      workflowId,
      update,
      updateId,
      argsDigest: digest,
      signature: sign(null, message, this.key).toString('base64'),
    };
  }
}

export type ProofCheck = 'valid' | 'unknown_key' | 'bad_signature' | 'malformed';

/** Checks proofs against the public keys it was given (the current one and earlier rotations'). */
export class ActionVerifier {
  private readonly keys = new Map<string, KeyObject>();

  constructor(publicKeys: readonly Uint8Array[]) {
    for (const raw of publicKeys) this.keys.set(actionKeyId(raw), publicKeyOf(raw));
  }

  get keyIds(): readonly string[] {
    return [...this.keys.keys()];
  }

  check(action: SignedAction, signature: unknown): ProofCheck {
    if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signature)) return 'malformed';
    const key = this.keys.get(action.keyId);
    if (!key) return 'unknown_key';
    let message: Buffer;
    try {
      message = signedMessage(action);
    } catch {
      return 'malformed';
    }
    return verify(null, message, key, Buffer.from(signature, 'base64')) ? 'valid' : 'bad_signature';
  }

  /** A statement signed by `ActionSigner.signStatement`. */
  checkStatement(domain: string, value: unknown, keyId: string, signature: unknown): ProofCheck {
    if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signature)) return 'malformed';
    const key = this.keys.get(keyId);
    if (!key) return 'unknown_key';
    let message: Buffer;
    try {
      message = Buffer.from(domain + canonical(value), 'utf8');
    } catch {
      return 'malformed';
    }
    return verify(null, message, key, Buffer.from(signature, 'base64')) ? 'valid' : 'bad_signature';
  }

  /** A proof as the workflow receives it, checked against the argument it came with. */
  checkArgs(args: Record<string, unknown>): ProofCheck {
    const proof = args['proof'];
    if (!isProofShaped(proof)) return 'malformed';
    let digest: string;
    try {
      digest = argsDigest(args);
    } catch {
      return 'malformed';
    }
    if (digest !== proof.argsDigest) return 'bad_signature';
    return this.check({ ...proof, actor: args['actor'] ?? null }, proof.signature);
  }

  /**
   * A stored event's proof, checked against the event's own metadata: the
   * actor, workflow and update id (causation id) recorded with the event must
   * be the ones the API signed.
   */
  checkStored(metadata: JsonObject): ProofCheck | 'unsigned' {
    const proof: unknown = metadata['proof'];
    if (proof === undefined) return 'unsigned';
    if (!isProofShaped(proof)) return 'malformed';
    if (proof.workflowId !== metadata['workflowId'] || proof.updateId !== metadata['causationId']) {
      return 'bad_signature';
    }
    return this.check({ ...proof, actor: metadata['actor'] ?? null }, proof.signature);
  }
}

function isProofShaped(value: unknown): value is ActionProof {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const p = value as Record<string, unknown>;
  return (
    p['v'] === ACTION_PROOF_VERSION &&
    ['keyId', 'workflowId', 'update', 'updateId', 'argsDigest', 'signature'].every((k) => typeof p[k] === 'string')
  );
}
