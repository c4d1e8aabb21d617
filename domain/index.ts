/**
 * Laurel's domain: nominations as a pure decider (decide / evolve / fold) and
 * the award, voting and deadline rules as versioned data. Imports nothing.
 */
export * from './nomination/values';
export * from './nomination/commands';
export * from './nomination/events';
export * from './nomination/state';
export * from './nomination/errors';
export { decide, type Decision } from './nomination/decide';
export { evolve, fold } from './nomination/evolve';
export * from './nomination/reservation';
export * from './nomination/event-codec';
export { normaliseText, isDecisionNumber, normaliseDecisionNumber, type Problem } from './nomination/validation';

export * from './policy/policy-set';
export * from './policy/calendar';
export * from './policy/deadlines';
export * from './policy/eligibility';
export * from './policy/voting';
export * from './policy/acts';
export { COMMAND_ROLES, COMMAND_FAMILY } from './policy/roles';
export * from './policy/registry';
export * from './policy/awards';
export * from './policy/holidays';
export * from './policy/publication';

export * from './session/block-session';
export * from './decision-list/decision-list';
export * from './session/council-session';
