import type { NominationCommand } from '../nomination/commands';
import { decide, type Decision } from '../nomination/decide';
import type { DomainErrorCode } from '../nomination/errors';
import type { NominationEvent } from '../nomination/events';
import { fold } from '../nomination/evolve';
import type { NominationState } from '../nomination/state';
import type { PolicySet } from '../policy/policy-set';

/**
 * Given/when/then for the decider, free of any test framework so it builds
 * with the domain: a failed expectation throws an Error that shows both sides.
 */

function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    2,
  );
}

/** True when `actual` has at least the fields of `expected` (recursively; arrays must match in length). */
function matches(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e))
    );
  }
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected as Record<string, unknown>).every(([k, v]) =>
    matches((actual as Record<string, unknown>)[k], v),
  );
}

export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface Outcome {
  readonly decision: Decision;
  /** The state after folding the new events (the given state if the command failed). */
  readonly state: NominationState;
  /** The events must equal these exactly (JSON-wise). */
  then(expected: readonly NominationEvent[]): Outcome;
  /** The events must have these types, in order, with at least these fields. */
  thenMatch(expected: readonly DeepPartial<NominationEvent>[]): Outcome;
  thenError(code: DomainErrorCode, details?: Record<string, unknown>): Outcome;
  /** The events, or a thrown Error if the command failed. */
  events(): NominationEvent[];
}

function outcome(before: NominationState, decision: Decision): Outcome {
  const state = decision.ok ? fold(decision.events, before) : before;
  const self: Outcome = {
    decision,
    state,
    then(expected) {
      if (!decision.ok) throw new Error(`expected events, got error ${canonical(decision.error)}`);
      // A JSON round trip first: stored events must not depend on undefined fields or class instances.
      const stored: unknown = JSON.parse(JSON.stringify(decision.events));
      if (canonical(stored) !== canonical(expected)) {
        throw new Error(`events differ\nexpected: ${canonical(expected)}\nactual: ${canonical(stored)}`);
      }
      return self;
    },
    thenMatch(expected) {
      if (!decision.ok) throw new Error(`expected events, got error ${canonical(decision.error)}`);
      if (!matches(decision.events, expected)) {
        throw new Error(
          `events do not match\nexpected at least: ${canonical(expected)}\nactual: ${canonical(decision.events)}`,
        );
      }
      return self;
    },
    thenError(code, details) {
      if (decision.ok) throw new Error(`expected error ${code}, got events ${canonical(decision.events)}`);
      if (decision.error.code !== code) {
        throw new Error(`expected error ${code}, got ${canonical(decision.error)}`);
      }
      if (details !== undefined && !matches(decision.error.details, details)) {
        throw new Error(
          `error details differ\nexpected at least: ${canonical(details)}\nactual: ${canonical(decision.error.details)}`,
        );
      }
      return self;
    },
    events() {
      if (!decision.ok) throw new Error(`expected events, got error ${canonical(decision.error)}`);
      return decision.events;
    },
  };
  return self;
}

export function given(events: readonly NominationEvent[], policy: PolicySet) {
  const before = fold(events);
  return {
    state: before,
    when(command: NominationCommand, whenPolicy: PolicySet = policy): Outcome {
      return outcome(before, decide(before, command, whenPolicy));
    },
  };
}

/** Runs commands one after another, failing loudly on the first refusal; returns every event. */
export function history(
  policy: PolicySet,
  commands: readonly NominationCommand[],
  from: readonly NominationEvent[] = [],
): NominationEvent[] {
  const events = [...from];
  let state = fold(events);
  for (const command of commands) {
    const decision = decide(state, command, policy);
    if (!decision.ok) {
      throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.message}`);
    }
    events.push(...decision.events);
    state = fold(decision.events, state);
  }
  return events;
}
