import type { Command } from 'commander';
import { decodeJwt } from 'jose';
import { LaurelApiClient } from '../../../api-client/src/http-client';
import { CliError, ExitCode } from '../exit-codes';
import { readSecret } from '../prompt';
import { baseUrl, resolveToken, saveToken, type GlobalOptions } from '../settings';

interface TokenClaims {
  readonly sub?: string;
  readonly role?: string;
  readonly expiresAt?: Date;
}

function claimsOf(token: string): TokenClaims {
  try {
    const claims = decodeJwt(token);
    const role = claims['laurel_role'];
    return {
      ...(claims.sub !== undefined ? { sub: claims.sub } : {}),
      ...(typeof role === 'string' ? { role } : {}),
      ...(claims.exp !== undefined ? { expiresAt: new Date(claims.exp * 1000) } : {}),
    };
  } catch {
    // An opaque token (some OIDC providers): nothing to show but the token itself.
    return {};
  }
}

function describeExpiry(expiresAt: Date | undefined, now = Date.now()): string {
  if (!expiresAt) return 'expiry unknown';
  const minutes = Math.round((expiresAt.getTime() - now) / 60_000);
  return minutes >= 0
    ? `expires ${expiresAt.toISOString()} (in ${minutes} min)`
    : `expired ${expiresAt.toISOString()} (${-minutes} min ago)`;
}

export function registerLogin(program: Command, globals: () => GlobalOptions): void {
  program
    .command('login')
    .description('log in with a username and password; saves the token (0600) or prints it with --print')
    .requiredOption('-u, --username <username>', 'directory username')
    .option('-p, --password <password>', 'password (prompted without echo when left out; read from stdin if piped)')
    .option('--print', 'print the token on stdout instead of saving it')
    .action(async (options: { username: string; password?: string; print?: boolean }) => {
      const password = options.password ?? (await readSecret(`Password for ${options.username}: `));
      if (password === '') throw new CliError(ExitCode.USAGE, 'empty password');
      const token = await new LaurelApiClient(baseUrl(globals())).login(options.username, password);
      const expiry = describeExpiry(claimsOf(token.access_token).expiresAt);
      if (options.print) {
        process.stdout.write(`${token.access_token}\n`);
        return;
      }
      const path = await saveToken(token.access_token);
      process.stderr.write(`logged in as ${options.username}; token saved to ${path}; ${expiry}\n`);
    });

  program
    .command('token')
    .description('print the current token (from --token, LAUREL_TOKEN or the saved one) and its expiry')
    .option('--json', 'print {token, subject, role, expiresAt} as JSON')
    .action(async (options: { json?: boolean }) => {
      const token = await resolveToken(globals());
      if (!token) throw new CliError(ExitCode.AUTH, 'no token: run `laurel login`');
      const claims = claimsOf(token);
      const expired = claims.expiresAt !== undefined && claims.expiresAt.getTime() <= Date.now();
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ token, subject: claims.sub ?? null, role: claims.role ?? null, expiresAt: claims.expiresAt?.toISOString() ?? null, expired })}\n`,
        );
      } else {
        // The token alone on stdout, so `$(laurel token)` works; the rest is for the person.
        process.stdout.write(`${token}\n`);
        const who = claims.sub ? `${claims.sub}${claims.role ? ` (${claims.role})` : ''}: ` : '';
        process.stderr.write(`${who}${describeExpiry(claims.expiresAt)}\n`);
      }
      if (expired) throw new CliError(ExitCode.AUTH, 'the token has expired: run `laurel login`');
    });
}
