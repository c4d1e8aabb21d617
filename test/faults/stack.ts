import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * The production topology as separate processes, for the fault suite: the
 * compiled API and worker entries from dist/ (as `scripts/laurel-app.sh`
 * starts them, path aliases by `scripts/register-dist-paths.cjs`), and a
 * file-backed Temporal dev server that can be restarted on the same file.
 */
export const root = join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** One child process, restartable, with its output appended to a log file. */
export class Proc {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  start(): void {
    const out = openSync(this.logFile, 'a');
    const child = spawn(this.command, this.args, {
      cwd: root,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', out, out],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** kill -9: no shutdown hook runs. */
  async kill9(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export function nodeEntry(name: string, entry: string, env: Record<string, string>, logFile: string): Proc {
  return new Proc(
    name,
    process.execPath,
    ['-r', join(root, 'scripts', 'register-dist-paths.cjs'), join(root, 'dist', entry)],
    env,
    logFile,
  );
}

export const SEARCH_ATTRIBUTES = [
  'NominationStage=Keyword',
  'EmulationBlock=Keyword',
  'ProposingUnit=Keyword',
  'AwardType=Keyword',
  'CampaignYear=Int',
  'StageDeadline=Datetime',
  'NominationTitle=Keyword',
];

export function temporalDevServer(cli: string, dbFile: string, port: number, uiPort: number, logFile: string): Proc {
  return new Proc(
    'temporal',
    cli,
    [
      'server',
      'start-dev',
      '--db-filename',
      dbFile,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--ui-port',
      String(uiPort),
      '--headless',
      '--namespace',
      'default',
      ...SEARCH_ATTRIBUTES.flatMap((a) => ['--search-attribute', a]),
      '--log-level',
      'error',
    ],
    {},
    logFile,
  );
}
