import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPayloadKey } from '../config/config';

/**
 * A 32-byte key kept in the data folder for the embedded setup (the payload
 * key, the action-signing key): read when present, generated on first start
 * otherwise (0600, never in the repository). Two processes starting at once
 * agree on one key ('wx'). A malformed file stops the process instead of being
 * replaced, since replacing a key makes what it protected unreadable or unprovable.
 * `what` names the key and its setting in the error, e.g. "a payload key … TEMPORAL_PAYLOAD_KEY".
 */
export async function dataFolderKey(
  dataDir: string,
  fileName: string,
  what: { readonly key: string; readonly setting: string },
): Promise<Buffer> {
  const file = join(dataDir, fileName);
  const stored = await readKeyFile(file, what);
  if (stored) return stored;
  const key = randomBytes(32);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const theirs = await readKeyFile(file, what);
    if (!theirs)
      throw new Error(`${file} existed, then disappeared while this process was creating it`, { cause: error });
    return theirs;
  }
}

async function readKeyFile(
  file: string,
  what: { readonly key: string; readonly setting: string },
): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!isPayloadKey(text)) {
    throw new Error(`${file} is not ${what.key} (base64 of 32 bytes); restore it, or set ${what.setting}`);
  }
  return Buffer.from(text, 'base64');
}
