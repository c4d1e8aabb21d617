import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, ExitCode } from './exit-codes';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** Global options as commander parsed them. */
export interface GlobalOptions {
  readonly url?: string;
  readonly token?: string;
}

/** `$XDG_CONFIG_HOME/laurel/token`, else `~/.config/laurel/token`. */
export function tokenFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(base, 'laurel', 'token');
}

export function baseUrl(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  const raw = options.url ?? env['LAUREL_URL'] ?? DEFAULT_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(ExitCode.USAGE, `not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(ExitCode.USAGE, `the API URL must be http or https: ${raw}`);
  }
  return url.toString().replace(/\/+$/, '');
}

export async function readSavedToken(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  try {
    const text = (await readFile(tokenFilePath(env), 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** `--token`, then LAUREL_TOKEN, then the token `laurel login` saved. */
export async function resolveToken(
  options: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  return options.token ?? (env['LAUREL_TOKEN'] || undefined) ?? (await readSavedToken(env));
}

/**
 * Saves the token readable by its owner only: written to a private temporary
 * file and renamed, so no other user can read it even for an instant.
 */
export async function saveToken(token: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = tokenFilePath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${token}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
  return path;
}
