import { randomBytes } from 'node:crypto';
import { ActionSigner, ActionVerifier } from '@laurel/infra/audit/action-proof';

/**
 * One signing key per test process, made fresh each run (no key is written
 * in the repository): the harnesses' clients sign with it as the API does,
 * their workers trust its public key.
 */
const seed = randomBytes(32);

export const testActionSigningKey: string = seed.toString('base64');
export const testActionSigner = new ActionSigner(seed);
export const testActionVerifier = new ActionVerifier([testActionSigner.publicKey]);
