import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The files in the data folder that hold secrets (infra/temporal/payload-codec.ts, apps/api/src/auth/jwt-secret.ts). */
const KEY_FILES = ['payload-key', join('auth', 'jwt-secret')];

/**
 * The data folder holds the embedded store, the payload key and the login
 * key: only Laurel's own user may enter it. Creates it 0700, brings every
 * folder in it to 0700 and every file to 0600 (PGlite creates its files with
 * the process's umask, which is often 0644 or 0666), and returns warnings for
 * key files that were readable by others before, since their secrets may
 * have been copied: rotate those keys (README, operations).
 */
export async function secureDataFolder(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const warnings: string[] = [];
  for (const key of KEY_FILES) {
    const mode = await stat(join(dir, key)).then(
      (s) => s.mode & 0o777,
      () => undefined,
    );
    if (mode !== undefined && (mode & 0o077) !== 0) {
      warnings.push(
        `${join(dir, key)} was readable by other users (mode ${mode.toString(8)}); it is now 0600 — rotate the key if the machine is shared`,
      );
    }
  }
  await tighten(dir);
  return warnings;
}

async function tighten(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      if ((info.mode & 0o777) !== 0o700) await chmod(path, 0o700);
      for (const entry of await readdir(path)) await tighten(join(path, entry));
    } else if (info.isFile() && (info.mode & 0o777 & ~0o600) !== 0) {
      await chmod(path, 0o600);
    }
  } catch (error) {
    // The folder is shared with other writers (the Temporal dev server's SQLite journal comes and
    // goes): a file gone between listing and stat needs no tightening.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Files the process creates from now on are its user's alone (0600 files, 0700 folders). */
export function privateFileCreation(): void {
  process.umask(0o077);
}
