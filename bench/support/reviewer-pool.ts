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

/** A timed run: updates that finished inside the window, and the nominations completed in it. */
export interface TimedRun extends PoolRun {
  /** Updates that finished before the window closed. */
  readonly updatesInWindow: number;
  /** Nominations whose last step finished before the window closed. */
  readonly completedIds: readonly string[];
}

/**
 * R reviewers work for `windowMs` on a queue that always holds about 2R open
 * nominations: each one finished is replaced by a fresh one from `next`, so
 * the load holds steady for the whole window instead of draining at the end.
 * Rates count the updates that finished inside the window; when it closes each
 * reviewer finishes the step in hand and stops (the open nominations stay open).
 */
export async function runReviewersFor(next: () => Script, reviewers: number, windowMs: number): Promise<TimedRun> {
  const open = Math.max(2, 2 * reviewers);
  const queue = Array.from({ length: open }, () => ({ script: next(), next: 0 }));
  const latencies: Latency[] = [];
  const completions: Promise<unknown>[] = [];
  const completedIds: string[] = [];
  let updatesInWindow = 0;
  let failed = false;
  const started = performance.now();
  const closesAt = started + windowMs;

  async function reviewer(): Promise<void> {
    for (let item = queue.shift(); item && !failed && performance.now() < closesAt; item = queue.shift()) {
      const step = item.script.steps[item.next]!;
      const stepStarted = performance.now();
      try {
        await step.run();
      } catch (error) {
        failed = true;
        throw new Error(`${item.script.id}: step ${item.next + 1} (${step.kind}) failed`, { cause: error });
      }
      const finished = performance.now();
      if (finished > closesAt) break;
      updatesInWindow += 1;
      latencies.push({ kind: step.kind, ms: finished - stepStarted });
      item.next += 1;
      if (item.next < item.script.steps.length) {
        queue.push(item);
        continue;
      }
      completedIds.push(item.script.id);
      if (item.script.completed) {
        const completion = item.script.completed();
        completion.catch(() => undefined);
        completions.push(completion);
      }
      queue.push({ script: next(), next: 0 });
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, reviewers) }, () => reviewer()));
  await Promise.all(completions);
  return { wallMs: windowMs, latencies, updatesInWindow, completedIds };
}

/**
 * People at a realistic pace: each of R reviewers takes one action every
 * `paceMs` (their starts spread over the first interval), on a nomination of
 * their own, starting a fresh one when it completes. Latency is then the
 * system's own, not a queue's.
 */
export async function runPaced(
  next: () => Script,
  reviewers: number,
  paceMs: number,
  windowMs: number,
): Promise<TimedRun> {
  const latencies: Latency[] = [];
  const completions: Promise<unknown>[] = [];
  const completedIds: string[] = [];
  let updatesInWindow = 0;
  const started = performance.now();
  const closesAt = started + windowMs;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

  async function reviewer(index: number): Promise<void> {
    let script = next();
    let step = 0;
    // A reviewer running late takes the next action at once but does not burst to catch up.
    for (
      let tick = started + (paceMs * index) / reviewers;
      tick < closesAt;
      tick = Math.max(tick + paceMs, performance.now())
    ) {
      await pause(tick - performance.now());
      const current = script.steps[step]!;
      const stepStarted = performance.now();
      try {
        await current.run();
      } catch (error) {
        throw new Error(`${script.id}: step ${step + 1} (${current.kind}) failed`, { cause: error });
      }
      const finished = performance.now();
      if (finished > closesAt) break;
      updatesInWindow += 1;
      latencies.push({ kind: current.kind, ms: finished - stepStarted });
      step += 1;
      if (step < script.steps.length) continue;
      completedIds.push(script.id);
      if (script.completed) {
        const completion = script.completed();
        completion.catch(() => undefined);
        completions.push(completion);
      }
      script = next();
      step = 0;
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, reviewers) }, (_, i) => reviewer(i)));
  await Promise.all(completions);
  return { wallMs: windowMs, latencies, updatesInWindow, completedIds };
}

/** The median of the values and their spread (min, max, and the max/min ratio). */
export function medianAndSpread(values: readonly number[], digits = 1) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    median: round(median, digits),
    min: round(sorted[0] ?? Number.NaN, digits),
    max: round(sorted.at(-1) ?? Number.NaN, digits),
    /** (max − min) / median: how far apart the rounds were. */
    spread: round(sorted.length ? (sorted.at(-1)! - sorted[0]!) / median : Number.NaN, 3),
  };
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
