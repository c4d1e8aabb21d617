import type { NominationDetail, NominationListItem, NominationPage } from '../../apps/api-client/src/contract';
import { ApiRequestError, laterPosition } from '../../apps/api-client/src/http-client';
import { baseDocuments, document } from './dossier';
import { demoScenarios, unitName, type Scenario, type Step } from './scenarios';
import { sendStep, stepDone, stepLabel } from './steps';
import { DemoUsers } from './users';

/**
 * Loads the demo nominations through Laurel's public HTTP API, each step as
 * the demo user whose role it is. Idempotent: a nomination already there
 * (same proposing unit, nominee name, award and campaign year) is not created
 * again; one left half-way by an interrupted run is taken on from where it
 * stands, step by step, judged from its recorded state.
 */

/** Reads the whole province list: the only demo user who sees every province. */
const READER = 'admin';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Nominations loaded at once: the API serialises each nomination's actions anyway. */
const DEFAULT_CONCURRENCY = 4;

export interface LoadOptions {
  readonly url: string;
  readonly password: string;
  readonly now?: () => Date;
  /** Progress lines (one per nomination). */
  readonly log?: (line: string) => void;
  readonly concurrency?: number;
}

export type RunStatus = 'created' | 'resumed' | 'already there';

/** The nomination list's row, as GET /nominations answers it: the fields the loader reads. */
export type ListItem = Pick<
  NominationListItem,
  | 'nominationId'
  | 'stage'
  | 'outcome'
  | 'nomineeName'
  | 'awardType'
  | 'campaignYear'
  | 'province'
  | 'blockId'
  | 'proposingUnitId'
  | 'stageDeadline'
  | 'escalated'
  | 'overdue'
  | 'revokedAt'
>;

export interface LoadedNomination {
  readonly scenario: Scenario;
  readonly status: RunStatus;
  /** Steps sent in this run (the draft included). */
  readonly actions: number;
  readonly item: ListItem;
}

export interface LoadReport {
  readonly campaignYear: number;
  readonly nominations: readonly LoadedNomination[];
  /** Whether Hà Tĩnh's open stages run on the demo clock; undefined when none is open to tell. */
  readonly demoClock: boolean | undefined;
  readonly elapsedMs: number;
}

/** A step the API refused or could not take; names the nomination and the step. */
export class DemoStepError extends Error {
  constructor(
    readonly scenario: Scenario,
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${describe(scenario)}: ${step} failed\n  ${explain(cause)}`);
    this.name = 'DemoStepError';
  }
}

/** An error as the loader reports it: an API refusal names the request, its code and details. */
export function explain(error: unknown): string {
  if (error instanceof ApiRequestError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

export function describe(scenario: Scenario): string {
  return `${scenario.nominee.name} · ${scenario.awardType} (${scenario.key})`;
}

/** The campaign year: the current year where the provinces are. */
export function campaignYearAt(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric' }).format(now));
}

function nfc(text: string): string {
  return text.normalize('NFC').trim();
}

function matchKey(unitId: string, nomineeName: string, awardType: string): string {
  return `${unitId}\n${nfc(nomineeName)}\n${awardType}`;
}

function scenarioKey(s: Scenario): string {
  return matchKey(s.unitId, s.nominee.name, s.awardType);
}

/** Every nomination of the campaign year in the scenarios' blocks, by proposing unit, nominee and award. */
async function listNominations(
  users: DemoUsers,
  blockIds: readonly string[],
  year: number,
  position?: string,
): Promise<Map<string, ListItem>> {
  const found = new Map<string, ListItem>();
  const headers: Record<string, string> = position === undefined ? {} : { 'x-laurel-position': position };
  for (const block of blockIds) {
    let after: string | null = null;
    do {
      const query = new URLSearchParams({ block, year: String(year), limit: '200' });
      if (after !== null) query.set('after', after);
      const page = await users.as(READER).json<NominationPage>(`/nominations?${query.toString()}`, { headers });
      for (const item of page.items) {
        if (item.proposingUnitId === null || item.nomineeName === null || item.awardType === null) continue;
        const key = matchKey(item.proposingUnitId, item.nomineeName, item.awardType);
        // Newest first: should a name repeat, the newest stands for it.
        if (!found.has(key)) found.set(key, item);
      }
      after = page.nextCursor;
    } while (after !== null);
  }
  return found;
}

export function draftBody(s: Scenario, year: number): Record<string, unknown> {
  const specs = [
    ...baseDocuments({
      awardType: s.awardType,
      nomineeName: s.nominee.name,
      unitName: unitName(s.unitId),
      campaignYear: year,
      letterNumber: s.letterNumber,
    }),
    ...s.extraDocuments,
  ];
  return {
    nominee: s.nominee,
    awardType: s.awardType,
    campaignYear: year,
    achievements: s.achievements,
    record: s.record,
    evidence: specs.map((spec, i) => document(s.key, year, spec, i)),
  };
}

interface ScenarioRun {
  readonly nominationId: string;
  readonly status: RunStatus;
  readonly actions: number;
  readonly position: string | undefined;
}

async function runScenario(
  users: DemoUsers,
  s: Scenario,
  year: number,
  existing: ListItem | undefined,
  now: () => Date,
): Promise<ScenarioRun> {
  // Idempotency keys make a retried request (or a rerun racing a lagging list) answer as the first one did.
  const keyOf = (part: string) => `laurel-demo-${year}-${s.key}-${part}`;
  let nominationId: string;
  let done: (step: Step) => boolean;
  let position: string | undefined;
  let actions = 0;
  if (existing === undefined) {
    try {
      const drafted = await users.act(s.officer, '/nominations', draftBody(s, year), keyOf('draft'));
      nominationId = drafted.nominationId;
      position = drafted.position;
      actions += 1;
    } catch (error) {
      throw new DemoStepError(s, `draft by ${s.officer}`, error);
    }
    done = () => false;
  } else {
    nominationId = existing.nominationId;
    if (existing.stage === 'Closed' && !s.steps.some((step) => step.kind === 'revoke')) {
      done = () => true;
    } else {
      const { state } = await users.as(READER).json<NominationDetail>(`/nominations/${nominationId}`);
      done = (step) => stepDone(step, state);
    }
  }
  for (const [index, step] of s.steps.entries()) {
    if (done(step)) continue;
    try {
      const result = await sendStep(users, s, nominationId, step, keyOf(String(index + 1)), now());
      position = laterPosition(position, result.position);
      actions += 1;
    } catch (error) {
      throw new DemoStepError(
        s,
        `step ${index + 1} of ${s.steps.length} (${stepLabel(step, s)}) on ${nominationId}`,
        error,
      );
    }
  }
  const status: RunStatus = existing === undefined ? 'created' : actions > 0 ? 'resumed' : 'already there';
  return { nominationId, status, actions, position };
}

/**
 * Runs `work` over `items`, at most `limit` at a time. After a failure no new
 * item starts; the first failure is thrown once the running ones have settled.
 */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  const failures: unknown[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length && failures.length === 0) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failures.length > 0) throw failures[0];
  return results;
}

export function stageText(item: Pick<ListItem, 'stage' | 'outcome'>): string {
  return item.stage !== 'Closed' || item.outcome === null ? item.stage : item.outcome;
}

export async function loadDemoData(options: LoadOptions): Promise<LoadReport> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const year = campaignYearAt(now());
  const scenarios = demoScenarios(year);
  const users = new DemoUsers(options.url, options.password);
  const blockIds = [...new Set(scenarios.map((s) => s.blockId))];

  const before = await listNominations(users, blockIds, year);
  const runs = await inBatches(scenarios, options.concurrency ?? DEFAULT_CONCURRENCY, async (s) => {
    const run = await runScenario(users, s, year, before.get(scenarioKey(s)), now);
    log(
      `${run.status.padEnd(13)} ${describe(s)} → ${run.nominationId}${run.actions > 0 ? ` (${run.actions} steps)` : ''}`,
    );
    return run;
  });

  // Read the list back as of this run's last write, so the summary shows what was just done.
  const position = runs.reduce<string | undefined>(
    (latest, run) => (run.position === undefined ? latest : laterPosition(latest, run.position)),
    undefined,
  );
  const after = await listNominations(users, blockIds, year, position);
  const nominations = scenarios.map((scenario, i): LoadedNomination => {
    const run = runs[i]!;
    const item = after.get(scenarioKey(scenario));
    if (item === undefined || item.nominationId !== run.nominationId) {
      throw new Error(`${describe(scenario)}: nomination ${run.nominationId} is not in GET /nominations after loading`);
    }
    return { scenario, status: run.status, actions: run.actions, item };
  });
  return {
    campaignYear: year,
    nominations,
    demoClock: demoClockSeen(nominations, now()),
    elapsedMs: Date.now() - started,
  };
}

/** An open demo-clock nomination due within the hour shows the API runs that province on minutes. */
function demoClockSeen(nominations: readonly LoadedNomination[], now: Date): boolean | undefined {
  const open = nominations.filter(
    (n) => n.scenario.demoClock && n.item.stage !== 'Closed' && n.item.stageDeadline !== null,
  );
  if (open.length === 0) return undefined;
  return open.some((n) => Date.parse(n.item.stageDeadline!) - now.getTime() < 60 * 60_000);
}
