import { ApiRequestError, ApiUnreachableError, LaurelApiClient } from '../../api-client/src/http-client';
import { CliError, ExitCode, exitCodeOfStatus } from './exit-codes';
import { baseUrl, resolveToken, type GlobalOptions } from './settings';

/**
 * How a command reaches the API: the shared client (apps/api-client), built
 * from the global options when the command runs. A new command takes a
 * `Client` in its `register…(program, client)` and calls `await client()`.
 */
export type Client = () => Promise<LaurelApiClient>;

export function clientFrom(globals: () => GlobalOptions): Client {
  return async () =>
    new LaurelApiClient(baseUrl(globals()), {
      token: await resolveToken(globals()),
      missingToken: () =>
        new CliError(ExitCode.AUTH, 'not logged in: run `laurel login`, or pass --token or LAUREL_TOKEN'),
    });
}

/** The exit code and message of an error the API client threw; undefined for any other error. */
export function cliErrorOf(error: unknown): CliError | undefined {
  if (error instanceof ApiRequestError) return new CliError(exitCodeOfStatus(error.status), error.message);
  if (error instanceof ApiUnreachableError) return new CliError(ExitCode.SERVER, error.message);
  return undefined;
}
