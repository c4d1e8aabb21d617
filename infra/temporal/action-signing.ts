import { randomUUID } from 'node:crypto';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { ActionSigner, ActionVerifier, actionPublicKey } from '../audit/action-proof';
import { ConfigError, type LaurelConfig } from '../config/config';
import { dataFolderKey } from '../runtime/key-file';

const KEY_FILE = 'action-signing-key';
const JSON_ENCODING = 'json/plain';
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * The API's client signs every update it sends (and the update of an
 * update-with-start): one place, so no action path can forget. An update
 * without an id gets one here, since the proof binds it.
 */
export function actionSigningInterceptor(signer: ActionSigner): WorkflowClientInterceptor {
  const signed = (workflowId: string, update: string, updateId: string, args: unknown[]): unknown[] => {
    const [first, ...rest] = args;
    if (typeof first !== 'object' || first === null || Array.isArray(first)) return args;
    const plain = first as Record<string, unknown>;
    return [{ ...plain, proof: signer.prove(workflowId, update, updateId, plain) }, ...rest];
  };
  return {
    startUpdate(input, next) {
      const updateId = input.options.updateId ?? randomUUID();
      return next({
        ...input,
        options: { ...input.options, updateId },
        args: signed(input.workflowExecution.workflowId, input.updateName, updateId, input.args),
      });
    },
    startUpdateWithStart(input, next) {
      const updateId = input.updateOptions.updateId ?? randomUUID();
      return next({
        ...input,
        updateOptions: { ...input.updateOptions, updateId },
        updateArgs: signed(input.workflowStartOptions.workflowId, input.updateName, updateId, input.updateArgs),
      });
    },
  };
}

/**
 * The worker's half: as it decodes payloads (after decryption), every JSON
 * object carrying a `proof` gets the proof's `verified` set to whether its
 * signature holds, whatever the sender wrote there. Workflow code cannot run
 * Node's crypto, so this is where the signature is checked; the update
 * validator then refuses anything not verified (workflows/nomination).
 * Deterministic for a given key set; and validators do not run on replay, so
 * a key dropped later changes nothing in old histories.
 */
export class ActionProofCodec implements PayloadCodec {
  constructor(private readonly verifier: ActionVerifier) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  private decodeOne(payload: Payload): Payload {
    const encoding = payload.metadata?.['encoding'];
    // Only JSON can become an object in the workflow; binary payloads arrive as bytes, without a proof.
    if (!encoding || fromUtf8.decode(encoding) !== JSON_ENCODING || !payload.data) return payload;
    let value: unknown;
    try {
      value = JSON.parse(fromUtf8.decode(payload.data));
    } catch {
      return payload;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return payload;
    const args = value as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(args, 'proof')) return payload;
    const proof = args['proof'];
    const verified = this.verifier.checkArgs(args) === 'valid';
    const checked =
      typeof proof === 'object' && proof !== null && !Array.isArray(proof) ? { ...proof, verified } : { verified };
    return { ...payload, data: utf8.encode(JSON.stringify({ ...args, proof: checked })) };
  }
}

export type ActionKeySource = 'ACTION_SIGNING_KEY' | 'data folder';

/**
 * The API's signing key: ACTION_SIGNING_KEY when set; otherwise, for the
 * embedded store only, one generated on first start into
 * `<LAUREL_DATA_DIR>/action-signing-key` (0600), like the payload key.
 */
export async function actionSigningKey(config: LaurelConfig): Promise<{ seed: Buffer; source: ActionKeySource }> {
  if (config.ACTION_SIGNING_KEY) {
    return { seed: Buffer.from(config.ACTION_SIGNING_KEY, 'base64'), source: 'ACTION_SIGNING_KEY' };
  }
  if (config.DATABASE_URL || config.KURRENTDB_URL) {
    // Separate processes: a key generated per data folder would be unknown to the workers.
    throw new ConfigError([
      'ACTION_SIGNING_KEY: required with DATABASE_URL or KURRENTDB_URL on every API process (base64 of 32 random ' +
        'bytes, e.g. `openssl rand -base64 32`); give the workers its public key in ACTION_VERIFY_KEYS',
    ]);
  }
  const seed = await dataFolderKey(config.LAUREL_DATA_DIR, KEY_FILE, {
    key: 'an action signing key',
    setting: 'ACTION_SIGNING_KEY',
  });
  return { seed, source: 'data folder' };
}

export type ConfiguredActionSigner = ActionSigner & { readonly keySource: ActionKeySource };

export async function actionSignerFor(config: LaurelConfig): Promise<ConfiguredActionSigner> {
  const { seed, source } = await actionSigningKey(config);
  return Object.assign(new ActionSigner(seed), { keySource: source });
}

/**
 * The public keys a worker accepts and `verify` checks: ACTION_VERIFY_KEYS,
 * plus the signing key's own where this process has it (the API, the
 * embedded all-in-one). A worker of a shared store with neither refuses to
 * start rather than refuse every action.
 */
export async function actionVerifierFor(config: LaurelConfig): Promise<ActionVerifier> {
  const keys: Uint8Array[] = config.ACTION_VERIFY_KEYS.map((k) => Buffer.from(k, 'base64'));
  const shared = config.DATABASE_URL !== undefined || config.KURRENTDB_URL !== undefined;
  if (config.ACTION_SIGNING_KEY || !shared) keys.push(actionPublicKey((await actionSigningKey(config)).seed));
  if (keys.length === 0) {
    throw new ConfigError([
      'ACTION_VERIFY_KEYS: required with DATABASE_URL or KURRENTDB_URL on every worker: the public key of the ' +
        "API's ACTION_SIGNING_KEY (README, Operations: signed actions), and earlier ones after a rotation",
    ]);
  }
  return new ActionVerifier(keys);
}
