import { performance } from 'node:perf_hooks';

/** One reviewer action: a client call, named by kind for the per-kind breakdown. */
export interface Step {
  readonly kind: string;
  run(): Promise<unknown>;
}

/** One nomination's actions, run strictly in order. */
export interface Script {
  readonly id: string;
  readonly steps: readonly Step[];
  /** Resolves when the nomination's workflow has completed; awaited once its last step has run. */
  readonly completed?: () => Promise<unknown>;
}

export interface Latency {
  readonly kind: string;
  readonly ms: number;
}

export interface PoolRun {
  readonly wallMs: number;
  readonly latencies: readonly Latency[];
}

/**
 * R reviewers pull the next action from a shared queue of nominations. A
 * nomination goes back to the tail after each action, so one nomination's
 * actions stay sequential while different nominations interleave, as people
 * working through an inbox would. The first failure stops every reviewer.
 */
export async function runReviewers(scripts: readonly Script[], reviewers: number): Promise<PoolRun> {
  const queue = scripts.map((script) => ({ script, next: 0 }));
  const latencies: Latency[] = [];
  const completions: Promise<unknown>[] = [];
  let failed = false;

  async function reviewer(): Promise<void> {
    // A reviewer finding the queue empty may leave: every unfinished nomination
    // is then held by another reviewer, who puts it back and keeps going.
    for (let item = queue.shift(); item && !failed; item = queue.shift()) {
      const step = item.script.steps[item.next]!;
      const started = performance.now();
      try {
        await step.run();
      } catch (error) {
        failed = true;
        throw new Error(`${item.script.id}: step ${item.next + 1} (${step.kind}) failed`, { cause: error });
      }
      latencies.push({ kind: step.kind, ms: performance.now() - started });
      item.next += 1;
      if (item.next < item.script.steps.length) queue.push(item);
      else if (item.script.completed) {
        const completion = item.script.completed();
        // Observed by the Promise.all below; this only keeps an early failure from going unhandled.
        completion.catch(() => undefined);
        completions.push(completion);
      }
    }
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, reviewers) }, () => reviewer()));
  await Promise.all(completions);
  return { wallMs: performance.now() - started, latencies };
}

export interface Summary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    meanMs: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

/** Percentiles per step kind, for seeing which action is slow. */
export function summariseByKind(latencies: readonly Latency[]): Record<string, Summary> {
  const byKind = new Map<string, number[]>();
  for (const { kind, ms } of latencies) byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  return Object.fromEntries([...byKind].map(([kind, values]) => [kind, summarise(values)]));
}
