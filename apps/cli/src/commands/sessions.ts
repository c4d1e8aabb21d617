import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../exit-codes';
import { startProgress } from '../progress';
import { renderTable } from '../table';
import type { Client } from '../api-client';

interface Progressed {
  readonly progress: { readonly done: number; readonly total: number; readonly finished: boolean };
}

interface SessionView extends Progressed {
  readonly sessionId: string;
  readonly stage: string;
  readonly title: string;
  readonly awaitingUnitIds: readonly string[];
  readonly items: readonly {
    nominationId: string;
    nomineeName: string;
    status: string;
    outcome?: string;
    stage?: string;
  }[];
  readonly closed?: {
    readonly quorumMet: boolean;
    readonly results: readonly {
      nominationId: string;
      passed: boolean;
      tally: { approve: number; reject: number; abstain: number; eligible: number };
      acclamation?: { acclaimed: boolean; refusedReason?: string };
    }[];
  };
}

interface DecisionListView extends Progressed {
  readonly decisionListId: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly items: readonly {
    nominationId: string;
    outcome: string;
    status: string;
    result?: string;
    error?: { code: string };
  }[];
}

/** Nomination ids from arguments, or one per line from a file (`@ids.txt`). */
async function idsFrom(values: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const value of values) {
    if (value.startsWith('@')) {
      const text = await readFile(value.slice(1), 'utf8');
      ids.push(
        ...text
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l.length > 0 && !l.startsWith('#')),
      );
    } else ids.push(value);
  }
  if (ids.length === 0)
    throw new CliError(ExitCode.USAGE, 'name at least one nomination (or @file with one id per line)');
  return ids;
}

/** Polls a batch until its items are all done, with a bar on a terminal. */
async function follow<T extends Progressed>(label: string, read: () => Promise<T>): Promise<T> {
  const bar = startProgress(label, 'items');
  try {
    for (;;) {
      const view = await read();
      bar.update(view.progress.done, view.progress.total);
      if (view.progress.finished) return view;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } finally {
    bar.stop();
  }
}

function printSession(view: SessionView, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
    return;
  }
  const results = new Map((view.closed?.results ?? []).map((r) => [r.nominationId, r]));
  process.stdout.write(`${view.sessionId} — ${view.title} (${view.stage})\n`);
  const rows = view.items.map((item) => {
    const r = results.get(item.nominationId);
    return [
      item.nominationId,
      item.nomineeName,
      r ? `${r.tally.approve}/${r.tally.eligible}` : '',
      r ? (r.passed ? 'passed' : 'not passed') : item.status,
      r?.acclamation?.refusedReason ?? item.outcome ?? item.stage ?? '',
    ];
  });
  process.stdout.write(`${renderTable(['nomination', 'nominee', 'approvals', 'result', 'note'], rows)}\n`);
  if (view.closed) process.stdout.write(`quorum ${view.closed.quorumMet ? 'met' : 'not met'}\n`);
  else if (view.awaitingUnitIds.length > 0)
    process.stdout.write(`awaiting ballots: ${view.awaitingUnitIds.join(', ')}\n`);
}

export function registerSessions(program: Command, client: Client): void {
  const session = program.command('session').description('block vote sessions (the block leader; member units vote)');

  session
    .command('open')
    .description("open the year-end vote session on the block's nominations")
    .requiredOption('--title <text>', 'e.g. "Hội nghị tổng kết Khối các cơ quan Đảng năm 2025"')
    .option('--id <sessionId>', 'the session id (a retry with the same id opens one session)')
    .option('--json', 'print the session as JSON')
    .argument('<nominations...>', 'nomination ids, or @file with one per line')
    .action(async (nominations: string[], options: { title: string; id?: string; json?: boolean }) => {
      const api = await client();
      const view = await api.json<SessionView>('/block-sessions', {
        method: 'POST',
        body: {
          title: options.title,
          nominationIds: await idsFrom(nominations),
          ...(options.id ? { sessionId: options.id } : {}),
        },
      });
      printSession(view, options.json === true);
    });

  session
    .command('show')
    .description('show a session: agenda, ballots awaited, results')
    .argument('<sessionId>')
    .option('--json', 'print the session as JSON')
    .action(async (sessionId: string, options: { json?: boolean }) => {
      const api = await client();
      printSession(
        await api.json<SessionView>(`/block-sessions/${encodeURIComponent(sessionId)}`),
        options.json === true,
      );
    });

  session
    .command('close')
    .description('close the session: every item is counted and its block vote closed (progress shown)')
    .argument('<sessionId>')
    .option('--json', 'print the session as JSON')
    .action(async (sessionId: string, options: { json?: boolean }) => {
      const api = await client();
      const path = `/block-sessions/${encodeURIComponent(sessionId)}`;
      await api.json(`${path}/close`, { method: 'POST' });
      printSession(await follow('closing', () => api.json<SessionView>(path)), options.json === true);
    });

  const decision = program.command('decision').description("the Chairman's decisions with lists");
  decision
    .command('issue')
    .description('issue one decision (number, date) over nominations that passed council (progress shown)')
    .requiredOption('--number <decisionNumber>', "e.g. '163/QĐ-UBND'")
    .option('--date <YYYY-MM-DD>', 'signing date; today by default')
    .option('--id <decisionListId>', 'the decision list id (a retry with the same id issues one decision)')
    .option('--reject <id=reason...>', 'items rejected in the same act, each with its reason')
    .option('--json', 'print the list as JSON')
    .argument('<nominations...>', 'approved nomination ids, or @file with one per line')
    .action(
      async (
        nominations: string[],
        options: { number: string; date?: string; id?: string; reject?: string[]; json?: boolean },
      ) => {
        const rejected = (options.reject ?? []).map((entry) => {
          const at = entry.indexOf('=');
          if (at <= 0) throw new CliError(ExitCode.USAGE, `--reject takes id=reason, got ${entry}`);
          return { nominationId: entry.slice(0, at), outcome: 'rejected', reason: entry.slice(at + 1) };
        });
        const approved = (await idsFrom(nominations)).map((nominationId) => ({ nominationId, outcome: 'approved' }));
        const api = await client();
        const first = await api.json<DecisionListView>('/decision-lists', {
          method: 'POST',
          body: {
            decisionNumber: options.number,
            ...(options.date ? { decisionDate: options.date } : {}),
            ...(options.id ? { decisionListId: options.id } : {}),
            items: [...approved, ...rejected],
          },
        });
        const path = `/decision-lists/${encodeURIComponent(first.decisionListId)}`;
        const view = await follow('deciding', () => api.json<DecisionListView>(path));
        if (options.json) process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
        else {
          process.stdout.write(`${view.decisionNumber} (${view.decisionDate}) — ${view.decisionListId}\n`);
          const rows = view.items.map((i) => [i.nominationId, i.outcome, i.status, i.result ?? i.error?.code ?? '']);
          process.stdout.write(`${renderTable(['nomination', 'decision', 'status', 'result'], rows)}\n`);
        }
        if (view.items.some((i) => i.status === 'failed')) process.exitCode = ExitCode.CHECK_FAILED;
      },
    );
}
