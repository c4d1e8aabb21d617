import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LaurelConfig } from '@laurel/infra/config/config';

const SECRET_FILE = join('auth', 'jwt-secret');

/**
 * The HS256 key of embedded tokens: AUTH_JWT_SECRET when set; otherwise one
 * generated on first start and kept in the data folder (mode 0600, never in
 * the repository), so tokens survive a restart of the same installation.
 */
export async function embeddedJwtKey(config: LaurelConfig): Promise<Uint8Array> {
  if (config.AUTH_JWT_SECRET) return new TextEncoder().encode(config.AUTH_JWT_SECRET);
  const file = join(config.LAUREL_DATA_DIR, SECRET_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return new TextEncoder().encode(stored);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  await mkdir(join(config.LAUREL_DATA_DIR, 'auth'), { recursive: true, mode: 0o700 });
  // 'wx': if another process created it in the meantime, use theirs.
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return new TextEncoder().encode(secret);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
  }
}
