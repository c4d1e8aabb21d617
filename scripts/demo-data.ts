/**
 * Loads Laurel's demo nominations through the public HTTP API.
 *
 *   npx tsx scripts/demo-data.ts [--url http://127.0.0.1:3000]
 *
 * Settings: LAUREL_URL (the API; --url wins), LAUREL_DEMO_PASSWORD (the demo
 * users' password, as the API was started with; default `laurel-demo`).
 * Running it again creates nothing new: what is there is reported as such.
 *
 * Exit codes: 0 loaded; 1 the API refused or failed a step (its error is
 * printed); 2 bad arguments; 3 the API could not be reached.
 */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD_DEFAULT } from '@laurel/infra/directory/demo-directory';
import { ApiRequestError, ApiUnreachableError } from '../apps/api-client/src/http-client';
import { campaignYearAt, DemoStepError, explain, loadDemoData } from './demo/loader';
import { loadDemoLists } from './demo/lists';
import { DemoUsers } from './demo/users';
import { loadYearDemo } from './demo/year';
import { formatSummary } from './demo/summary';

const USAGE = `usage: npx tsx scripts/demo-data.ts [--url URL]

Loads the demo nominations (Ninh Thuận, Lào Cai, Hà Tĩnh) for the current
campaign year through Laurel's HTTP API; a second run creates nothing new.

  --url URL   the API (default: LAUREL_URL, else http://127.0.0.1:3000)
  --lists     also a block session, a council session and a decision with its list

LAUREL_DEMO_PASSWORD must match the API's (default laurel-demo).`;

const EXIT = { OK: 0, FAILED: 1, USAGE: 2, UNREACHABLE: 3 } as const;

function parse(argv: readonly string[]): { url: string; lists: boolean } | { help: true } {
  const { values } = parseArgs({
    args: [...argv],
    options: { url: { type: 'string' }, lists: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  const url = values.url ?? process.env['LAUREL_URL'] ?? 'http://127.0.0.1:3000';
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new TypeError(`--url must be an http(s) URL, got "${url}"`);
  }
  return { url: url.replace(/\/+$/, ''), lists: values.lists === true };
}

export async function main(argv: readonly string[]): Promise<number> {
  let url: string;
  let lists: boolean;
  try {
    const parsed = parse(argv);
    if ('help' in parsed) {
      console.log(USAGE);
      return EXIT.OK;
    }
    url = parsed.url;
    lists = parsed.lists;
  } catch (error) {
    console.error(`demo-data: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  const password = process.env['LAUREL_DEMO_PASSWORD'] || DEMO_PASSWORD_DEFAULT;
  console.error(`demo-data: loading demo nominations into ${url}`);
  try {
    // The year's lists first (campaigns with quotas, a unit's dossier), so that the store's head stays a
    // nomination's event; last year's campaign, so this year's demo nominations stay exactly the scenarios'.
    // A refused step there is reported after the nominations are loaded, and fails the run.
    let yearRefused: ApiRequestError | undefined;
    try {
      await loadYearDemo(new DemoUsers(url, password), campaignYearAt(new Date()) - 1, new Date(), (line) =>
        console.error(`  ${line}`),
      );
    } catch (error) {
      if (!(error instanceof ApiRequestError) || error.path === '/auth/token') throw error;
      yearRefused = error;
    }
    const report = await loadDemoData({ url, password, log: (line) => console.error(`  ${line}`) });
    console.log(formatSummary(report, new Date()));
    // The year in lists: a block session, a council session and a decision with its list.
    if (lists)
      await loadDemoLists(new DemoUsers(url, password), report.campaignYear, (line) => console.error(`  ${line}`));
    if (yearRefused) {
      console.error(`demo-data: the year's campaigns and dossier were not loaded: ${yearRefused.message}`);
      return EXIT.FAILED;
    }
    return EXIT.OK;
  } catch (error) {
    if (error instanceof ApiUnreachableError) {
      console.error(
        `demo-data: cannot reach the Laurel API at ${error.baseUrl}: ${error.reason}\n  Is Laurel running? Start it with \`make up\`, or point --url / LAUREL_URL at it.`,
      );
      return EXIT.UNREACHABLE;
    }
    const cause = error instanceof DemoStepError ? error.cause : error;
    if (cause instanceof ApiUnreachableError) {
      console.error(
        `demo-data: ${(error as Error).message}\n  The API stopped answering part-way; run again once it is back.`,
      );
      return EXIT.UNREACHABLE;
    }
    if (cause instanceof ApiRequestError && cause.path === '/auth/token' && cause.status === 401) {
      console.error(
        `demo-data: ${explain(error)}\n  Set LAUREL_DEMO_PASSWORD to the password the API was started with.`,
      );
      return EXIT.FAILED;
    }
    console.error(`demo-data: ${explain(error)}`);
    return EXIT.FAILED;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
