import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  patched,
  sleep,
} from '@temporalio/workflow';
import { DomainErrorCode, pendingTimers, type Actor, type NominationState, type TimedStage } from '@laurel/domain';
import type { NominationRun } from './run-state';

/**
 * The stage clock: the nomination's reminders and deadlines as durable timers,
 * and the loop that waits on them and on the run's changes until the
 * nomination closes. Its actions go through the run like a person's.
 */

const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system' };

/**
 * Without this patch a timer whose append the store failed (retries used up,
 * or a non-retryable store error) was taken for a refusal by the decider and
 * never tried again: the deadline was silently dropped, or, on an activity
 * timeout, the whole workflow failed. Now it is tried again after a pause
 * (1 s, doubling, at most MAX_TIMER_RETRY_PAUSE_MS).
 */
const TIMER_RETRY_PATCH = 'timer-retried-after-store-failure';
const MAX_TIMER_RETRY_PAUSE_MS = 3_600_000;

/**
 * One durable timer per stage clock, kept across updates: re-arming it on
 * every action would add a timer start and cancel to the history each time.
 * Histories recorded before this patch re-armed per wait; they replay the old way.
 */
const KEPT_TIMER_PATCH = 'stage-timer-kept-across-updates';

/** Codes the decider refuses with; any other failure of a timer's action is the store's. */
const DOMAIN_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(DomainErrorCode));

interface Timer {
  readonly kind: 'SendReminder' | 'ReachDeadline';
  readonly stage: TimedStage;
  readonly at: string;
}

/** The next clock event the state asks for: its reminder first, then its deadline. */
function nextTimer(state: NominationState): Timer | undefined {
  const pending = pendingTimers(state);
  if (!pending) return undefined;
  const { stage, deadline, reminderAt } = pending;
  if (reminderAt && (!deadline || Date.parse(reminderAt) < Date.parse(deadline))) {
    return { kind: 'SendReminder', stage, at: reminderAt };
  }
  return deadline ? { kind: 'ReachDeadline', stage, at: deadline } : undefined;
}

function timerKey(timer: Timer): string {
  return `${timer.kind}:${timer.stage}:${timer.at}`;
}

interface ArmedTimer {
  readonly timer: Timer;
  readonly key: string;
  readonly scope: CancellationScope;
  fired: boolean;
}

/** Starts a durable timer in its own cancellation scope; `fired` flips when it elapses. */
function arm(timer: Timer, key: string): ArmedTimer {
  const scope = new CancellationScope();
  const armed: ArmedTimer = { timer, key, scope, fired: false };
  void scope
    .run(() => sleep(Math.max(1, Date.parse(timer.at) - Date.now())))
    .then(
      () => {
        armed.fired = true;
      },
      (error: unknown) => {
        if (!isCancellation(error)) throw error;
      },
    );
  return armed;
}

/** Runs the stage clock until the nomination closes. */
export async function runStageClock(run: NominationRun): Promise<void> {
  // Timers that the decider refused (say, the stage moved on in the same
  // instant) are not retried, so a refused timer cannot spin the loop.
  const refusedTimers = new Set<string>();
  // Consecutive store failures of timers, for the pause before the next try.
  let timerStoreFailures = 0;

  async function fire(timer: Timer, key: string): Promise<void> {
    let pause = 0;
    await run.mutex.runExclusive(async () => {
      const still = nextTimer(run.state);
      if (!still || timerKey(still) !== key) return;
      const before = run.state.version;
      try {
        await run.apply(
          run.command(timer.kind, { actor: SYSTEM_ACTOR, stage: timer.stage }),
          run.policy,
          `timer:${key}`,
        );
        timerStoreFailures = 0;
      } catch (error) {
        // A store conflict the workflow caught up on: the timer is decided again on the new state, not refused.
        if (run.state.version !== before) return;
        const refused = error instanceof ApplicationFailure && DOMAIN_ERROR_CODES.has(error.type ?? '');
        if (!refused && (error instanceof ApplicationFailure || error instanceof ActivityFailure)) {
          if (patched(TIMER_RETRY_PATCH)) {
            pause = Math.min(MAX_TIMER_RETRY_PAUSE_MS, 1_000 * 2 ** timerStoreFailures++);
            log.warn('timer not recorded: the store failed; trying again', { timer: key, pauseMs: pause, error });
            return;
          }
        }
        if (!(error instanceof ApplicationFailure)) throw error;
        log.warn('timer refused by the decider', { timer: key, type: error.type, message: error.message });
        refusedTimers.add(key);
      }
    });
    // Outside the mutex, so people can act meanwhile; then the loop re-arms the same timer.
    if (pause > 0) await sleep(pause);
  }

  if (patched(KEPT_TIMER_PATCH)) {
    let armed: ArmedTimer | undefined;
    while (run.state.stage !== 'Closed') {
      await run.deliverNotifications();
      const seen = run.state.version;
      const timer = nextTimer(run.state);
      const key = timer && timerKey(timer);
      if (armed && armed.key !== key) {
        armed.scope.cancel();
        armed = undefined;
      }
      if (timer && key && !armed && !refusedTimers.has(key)) armed = arm(timer, key);
      const current = armed;
      await condition(() => run.state.version !== seen || run.outbox.length > 0 || current?.fired === true);
      if (current?.fired) {
        armed = undefined;
        await fire(current.timer, current.key);
      }
    }
    armed?.scope.cancel();
  } else {
    while (run.state.stage !== 'Closed') {
      await run.deliverNotifications();
      const seen = run.state.version;
      const timer = nextTimer(run.state);
      const key = timer && timerKey(timer);
      const woken = () => run.state.version !== seen || run.outbox.length > 0;
      if (!timer || !key || refusedTimers.has(key)) {
        await condition(woken);
        continue;
      }
      const changed = await condition(woken, Math.max(1, Date.parse(timer.at) - Date.now()));
      if (!changed) await fire(timer, key);
    }
  }
}
