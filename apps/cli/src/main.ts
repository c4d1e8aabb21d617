#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { clientFrom, cliErrorOf } from './api-client';
import { registerAudit } from './commands/audit';
import { registerDoctor } from './commands/doctor';
import { registerDossiers } from './commands/dossiers';
import { registerCertificates, registerDocuments } from './commands/documents';
import { registerLogin } from './commands/login';
import { registerProjections } from './commands/projections';
import { registerPublic } from './commands/public';
import { registerSessions } from './commands/sessions';
import { registerStatistics } from './commands/statistics';
import { CliError, ExitCode } from './exit-codes';
import { DEFAULT_URL, type GlobalOptions } from './settings';

/**
 * `laurel`: a client of Laurel's HTTP API (never of its database), so it
 * works the same against a local or a remote Laurel. Exit codes: exit-codes.ts.
 */
export function buildProgram(): Command {
  const program = new Command('laurel')
    .description(
      "Laurel's command line: log in, read and prove nominations' records, rebuild projections, check connections",
    )
    .addOption(new Option('--url <url>', `API base URL (env LAUREL_URL, default ${DEFAULT_URL})`))
    .addOption(new Option('--token <token>', 'bearer token (env LAUREL_TOKEN, else the one `laurel login` saved)'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  registerLogin(program, globals);
  const client = clientFrom(globals);
  registerAudit(program, client);
  registerProjections(program, client);
  registerStatistics(program, client);
  registerSessions(program, client);
  registerDocuments(program, client);
  registerCertificates(program, client);
  registerPublic(program, client);
  registerDossiers(program, client);
  registerDoctor(program, globals);
  // Subcommands inherit exitOverride only when set before they are added, so set it again on each.
  for (const command of walk(program)) command.exitOverride();
  return program;
}

function* walk(command: Command): Generator<Command> {
  for (const sub of command.commands) {
    yield sub;
    yield* walk(sub);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end through here too, with exit code 0; commander has printed them.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    const refusal = error instanceof CliError ? error : cliErrorOf(error);
    if (refusal) {
      process.stderr.write(`laurel: ${refusal.message}\n`);
      return refusal.exitCode;
    }
    process.stderr.write(
      `laurel: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.SERVER;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
