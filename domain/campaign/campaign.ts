// The campaign's whole decider: its commands, events, state, decide and evolve change together (a new command
// is a new event and a case in both switches), so they stay one file, a few lines over 400.
import { isIsoInstant, parseInstant } from '../policy/calendar';
import type { Actor } from '../nomination/values';
import { normaliseText } from '../nomination/validation';

/**
 * A campaign (đợt/phong trào thi đua): the year or period whose nominations it
 * owns, its planned awards with quotas and its intake window. Pure decider:
 * commands in, events out; `evolve` folds them. The workflow in
 * workflows/campaign runs it, with the window's ends as timers.
 */

export const CAMPAIGN_KINDS = ['yearly', 'thematic', 'five_yearly'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** An award the campaign plans to give; `quota` caps how many nominations it admits (absent: no cap). */
export interface PlannedAward {
  readonly awardType: string;
  readonly quota?: number;
}

export interface CampaignDefinition {
  readonly campaignId: string;
  readonly province: string;
  readonly title: string;
  readonly kind: CampaignKind;
  /** Campaign years covered, inclusive: 2024–2024 for a yearly one, 2020–2025 for a period. */
  readonly fromYear: number;
  readonly toYear: number;
  readonly criteria: readonly string[];
  readonly plannedAwards: readonly PlannedAward[];
  /** ISO instants: nominations are admitted from `intakeOpensAt` up to `intakeClosesAt`. */
  readonly intakeOpensAt: string;
  readonly intakeClosesAt: string;
}

/** What a nomination brings to the campaign when it asks to be admitted. */
export interface NominationEntry {
  readonly nominationId: string;
  readonly awardType: string;
  readonly campaignYear: number;
  readonly province: string;
  readonly unitId: string;
  readonly dossierId?: string;
}

interface Base {
  readonly actor: Actor;
  /** ISO instant chosen outside the domain. */
  readonly at: string;
}

export type CampaignCommand =
  | (Base & { readonly type: 'CreateCampaign'; readonly definition: CampaignDefinition })
  | (Base & { readonly type: 'OpenCampaign' })
  | (Base & { readonly type: 'CloseIntake' })
  | (Base & { readonly type: 'CloseCampaign'; readonly reason?: string })
  | (Base & { readonly type: 'AdmitNomination'; readonly entry: NominationEntry })
  | (Base & { readonly type: 'ReleaseNomination'; readonly nominationId: string; readonly reason: string })
  /** The workflow's timers, acting as `system`. */
  | (Base & { readonly type: 'ReachIntakeOpening' })
  | (Base & { readonly type: 'ReachIntakeClosing' });

export type CampaignCommandType = CampaignCommand['type'];

/** Stored event type strings: explicit constants, never class names. */
export const CampaignEventType = {
  CampaignCreated: 'CampaignCreated',
  CampaignOpened: 'CampaignOpened',
  IntakeOpened: 'IntakeOpened',
  IntakeClosed: 'IntakeClosed',
  CampaignClosed: 'CampaignClosed',
  NominationAdmitted: 'NominationAdmitted',
  NominationReleased: 'NominationReleased',
} as const;

interface Stamp {
  readonly at: string;
  readonly by: { readonly userId: string; readonly role: string };
}

export type CampaignEvent =
  | { readonly type: 'CampaignCreated'; readonly data: Stamp & { readonly definition: CampaignDefinition } }
  | { readonly type: 'CampaignOpened'; readonly data: Stamp }
  | { readonly type: 'IntakeOpened'; readonly data: Stamp }
  | { readonly type: 'IntakeClosed'; readonly data: Stamp & { readonly early: boolean } }
  | { readonly type: 'CampaignClosed'; readonly data: Stamp & { readonly reason?: string } }
  | { readonly type: 'NominationAdmitted'; readonly data: Stamp & NominationEntry }
  | {
      readonly type: 'NominationReleased';
      readonly data: Stamp & { readonly nominationId: string; readonly reason: string };
    };

export type CampaignStage = 'Initial' | 'Planned' | 'Open' | 'IntakeClosed' | 'Closed';

export interface CampaignState {
  readonly stage: CampaignStage;
  readonly version: number;
  readonly definition?: CampaignDefinition;
  readonly intakeStarted: boolean;
  /** Admitted and not released, by nomination id. */
  readonly admitted: Readonly<Record<string, NominationEntry>>;
  readonly openedAt?: string;
  readonly intakeClosedAt?: string;
  readonly closedAt?: string;
}

export const initialCampaignState: CampaignState = { stage: 'Initial', version: 0, intakeStarted: false, admitted: {} };

/** Stable refusal codes (the workflow's ApplicationFailure types, the API's error codes). */
export const CampaignErrorCode = {
  INVALID_COMMAND: 'INVALID_COMMAND',
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  NOT_FOUND: 'NOT_FOUND',
  WRONG_STAGE: 'WRONG_STAGE',
  NOT_DUE_YET: 'NOT_DUE_YET',
  CAMPAIGN_NOT_OPEN: 'CAMPAIGN_NOT_OPEN',
  INTAKE_NOT_STARTED: 'INTAKE_NOT_STARTED',
  INTAKE_CLOSED: 'INTAKE_CLOSED',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  AWARD_NOT_PLANNED: 'AWARD_NOT_PLANNED',
  YEAR_OUTSIDE_CAMPAIGN: 'YEAR_OUTSIDE_CAMPAIGN',
  OTHER_PROVINCE: 'OTHER_PROVINCE',
} as const;
export type CampaignErrorCode = (typeof CampaignErrorCode)[keyof typeof CampaignErrorCode];

export interface CampaignError {
  readonly code: CampaignErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export type CampaignDecision =
  | { readonly ok: true; readonly events: readonly CampaignEvent[] }
  | { readonly ok: false; readonly error: CampaignError };

/** Who may do what to a campaign: the Board plans and runs it; units' nominations ask to be admitted. */
export const CAMPAIGN_COMMAND_ROLES: Readonly<Record<CampaignCommandType, readonly string[]>> = {
  CreateCampaign: ['board_officer'],
  OpenCampaign: ['board_officer'],
  CloseIntake: ['board_officer'],
  CloseCampaign: ['board_officer'],
  AdmitNomination: ['unit_officer'],
  ReleaseNomination: ['unit_officer', 'unit_head', 'board_officer'],
  ReachIntakeOpening: ['system'],
  ReachIntakeClosing: ['system'],
};

const refuse = (code: CampaignErrorCode, message: string, details?: Record<string, unknown>): CampaignDecision => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
});
const accept = (...events: CampaignEvent[]): CampaignDecision => ({ ok: true, events });

const stamp = (command: CampaignCommand): Stamp => ({
  at: command.at,
  by: { userId: command.actor.userId, role: command.actor.role },
});

/** How many admitted nominations of this award the campaign holds now. */
export function admittedCount(state: CampaignState, awardType: string): number {
  return Object.values(state.admitted).filter((e) => e.awardType === awardType).length;
}

/** Every field problem of a definition, so the caller sees them all at once; empty when it is sound. */
export function definitionProblems(d: CampaignDefinition): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (!/^[A-Za-z0-9_.:@-]{1,120}$/.test(d.campaignId ?? ''))
    fail('campaignId', 'must be 1–120 letters, digits or ._:@-');
  if (!d.province) fail('province', 'is required');
  if (!d.title || normaliseText(d.title).length === 0) fail('title', 'must not be empty');
  if (!(CAMPAIGN_KINDS as readonly string[]).includes(d.kind))
    fail('kind', `must be one of ${CAMPAIGN_KINDS.join(', ')}`);
  const yearOk = (y: number) => Number.isInteger(y) && y >= 2000 && y <= 2200;
  if (!yearOk(d.fromYear)) fail('fromYear', 'must be a year from 2000 to 2200');
  if (!yearOk(d.toYear)) fail('toYear', 'must be a year from 2000 to 2200');
  if (yearOk(d.fromYear) && yearOk(d.toYear) && d.toYear < d.fromYear) fail('toYear', 'must not be before fromYear');
  if (d.kind === 'yearly' && d.fromYear !== d.toYear) fail('toYear', 'a yearly campaign covers one year');
  if (!isIsoInstant(d.intakeOpensAt)) fail('intakeOpensAt', 'must be an ISO-8601 instant with a zone');
  if (!isIsoInstant(d.intakeClosesAt)) fail('intakeClosesAt', 'must be an ISO-8601 instant with a zone');
  if (
    isIsoInstant(d.intakeOpensAt) &&
    isIsoInstant(d.intakeClosesAt) &&
    parseInstant(d.intakeClosesAt) <= parseInstant(d.intakeOpensAt)
  ) {
    fail('intakeClosesAt', 'must be after intakeOpensAt');
  }
  if (!Array.isArray(d.plannedAwards) || d.plannedAwards.length === 0) {
    fail('plannedAwards', 'must list at least one award');
  } else {
    const seen = new Set<string>();
    d.plannedAwards.forEach((p, i) => {
      if (!p.awardType) fail(`plannedAwards[${i}].awardType`, 'is required');
      if (seen.has(p.awardType)) fail(`plannedAwards[${i}].awardType`, 'is listed twice');
      seen.add(p.awardType);
      if (p.quota !== undefined && (!Number.isInteger(p.quota) || p.quota < 1)) {
        fail(`plannedAwards[${i}].quota`, 'must be a whole number of at least 1');
      }
    });
  }
  return problems;
}

function roleCheck(command: CampaignCommand): CampaignDecision | undefined {
  if (CAMPAIGN_COMMAND_ROLES[command.type].includes(command.actor.role)) return undefined;
  return refuse('ROLE_NOT_ALLOWED', `${command.actor.role} may not ${command.type}`, {
    role: command.actor.role,
    allowed: [...CAMPAIGN_COMMAND_ROLES[command.type]],
  });
}

/** Why this nomination may not enter the campaign now, or undefined when it may. */
export function admissionRefusal(state: CampaignState, entry: NominationEntry, at: string): CampaignError | undefined {
  const d = state.definition;
  if (!d) return { code: 'NOT_FOUND', message: 'no such campaign' };
  if (state.stage !== 'Open') {
    return {
      code: state.stage === 'Planned' ? 'CAMPAIGN_NOT_OPEN' : 'INTAKE_CLOSED',
      message:
        state.stage === 'Planned'
          ? `campaign "${d.title}" has not been opened yet`
          : `campaign "${d.title}" no longer takes nominations: its intake closed`,
      details: { campaignId: d.campaignId, stage: state.stage },
    };
  }
  const t = parseInstant(at);
  if (t < parseInstant(d.intakeOpensAt)) {
    return {
      code: 'INTAKE_NOT_STARTED',
      message: `campaign "${d.title}" takes nominations from ${d.intakeOpensAt}`,
      details: { campaignId: d.campaignId, intakeOpensAt: d.intakeOpensAt },
    };
  }
  if (t > parseInstant(d.intakeClosesAt)) {
    return {
      code: 'INTAKE_CLOSED',
      message: `campaign "${d.title}" took nominations until ${d.intakeClosesAt}`,
      details: { campaignId: d.campaignId, intakeClosesAt: d.intakeClosesAt },
    };
  }
  if (entry.province !== d.province) {
    return {
      code: 'OTHER_PROVINCE',
      message: `campaign "${d.title}" is ${d.province}'s, not ${entry.province}'s`,
      details: { campaignId: d.campaignId, province: d.province },
    };
  }
  if (entry.campaignYear < d.fromYear || entry.campaignYear > d.toYear) {
    return {
      code: 'YEAR_OUTSIDE_CAMPAIGN',
      message: `campaign "${d.title}" covers ${d.fromYear}–${d.toYear}, not ${entry.campaignYear}`,
      details: { campaignId: d.campaignId, fromYear: d.fromYear, toYear: d.toYear, campaignYear: entry.campaignYear },
    };
  }
  const planned = d.plannedAwards.find((p) => p.awardType === entry.awardType);
  if (!planned) {
    return {
      code: 'AWARD_NOT_PLANNED',
      message: `campaign "${d.title}" plans no ${entry.awardType}`,
      details: {
        campaignId: d.campaignId,
        awardType: entry.awardType,
        planned: d.plannedAwards.map((p) => p.awardType),
      },
    };
  }
  const taken = admittedCount(state, entry.awardType);
  if (planned.quota !== undefined && taken >= planned.quota) {
    return {
      code: 'QUOTA_EXCEEDED',
      message: `campaign "${d.title}" admits at most ${planned.quota} nominations for ${entry.awardType}; ${taken} are in`,
      details: { campaignId: d.campaignId, awardType: entry.awardType, quota: planned.quota, admitted: taken },
    };
  }
  return undefined;
}

export function decideCampaign(state: CampaignState, command: CampaignCommand): CampaignDecision {
  if (!isIsoInstant(command.at)) return refuse('INVALID_COMMAND', 'at must be an ISO-8601 instant');
  const role = roleCheck(command);
  if (role) return role;
  if (command.type === 'CreateCampaign') {
    if (state.stage !== 'Initial') return refuse('ALREADY_EXISTS', 'this campaign already exists');
    const d = command.definition;
    const problems = definitionProblems(d);
    if (problems.length > 0) {
      return refuse('INVALID_COMMAND', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
    }
    const definition: CampaignDefinition = {
      ...d,
      title: normaliseText(d.title),
      criteria: d.criteria.map(normaliseText).filter((c) => c.length > 0),
      plannedAwards: d.plannedAwards.map((p) => ({
        awardType: p.awardType,
        ...(p.quota !== undefined ? { quota: p.quota } : {}),
      })),
    };
    return accept({ type: 'CampaignCreated', data: { ...stamp(command), definition } });
  }
  const d = state.definition;
  if (state.stage === 'Initial' || !d) return refuse('NOT_FOUND', 'no such campaign');
  const wrongStage = (what: string) =>
    refuse('WRONG_STAGE', `${what} is not allowed: the campaign is ${state.stage}`, { stage: state.stage });
  const t = parseInstant(command.at);
  switch (command.type) {
    case 'OpenCampaign':
      if (state.stage !== 'Planned') return wrongStage('opening');
      if (t > parseInstant(d.intakeClosesAt)) return wrongStage('opening after the intake window');
      return accept(
        { type: 'CampaignOpened', data: stamp(command) },
        // Opened inside its window: intake starts with it, no timer needed.
        ...(t >= parseInstant(d.intakeOpensAt) ? [{ type: 'IntakeOpened' as const, data: stamp(command) }] : []),
      );
    case 'ReachIntakeOpening':
      if (state.stage !== 'Open' || state.intakeStarted) return wrongStage('starting the intake');
      if (t < parseInstant(d.intakeOpensAt)) return refuse('NOT_DUE_YET', `the intake opens at ${d.intakeOpensAt}`);
      return accept({ type: 'IntakeOpened', data: stamp(command) });
    case 'ReachIntakeClosing':
      if (state.stage !== 'Open' && state.stage !== 'Planned') return wrongStage('closing the intake');
      if (t < parseInstant(d.intakeClosesAt)) return refuse('NOT_DUE_YET', `the intake closes at ${d.intakeClosesAt}`);
      return accept({ type: 'IntakeClosed', data: { ...stamp(command), early: false } });
    case 'CloseIntake':
      if (state.stage !== 'Open') return wrongStage('closing the intake');
      return accept({ type: 'IntakeClosed', data: { ...stamp(command), early: t < parseInstant(d.intakeClosesAt) } });
    case 'CloseCampaign': {
      if (state.stage === 'Closed') return wrongStage('closing');
      const reason = command.reason === undefined ? undefined : normaliseText(command.reason) || undefined;
      return accept({ type: 'CampaignClosed', data: { ...stamp(command), ...(reason ? { reason } : {}) } });
    }
    case 'AdmitNomination': {
      const entry = command.entry;
      if (!entry || typeof entry.nominationId !== 'string' || entry.nominationId.length === 0) {
        return refuse('INVALID_COMMAND', 'entry.nominationId is required');
      }
      // Asked again (a retried draft, a re-run import): already in, nothing new.
      if (state.admitted[entry.nominationId]) return accept();
      const refusal = admissionRefusal(state, entry, command.at);
      if (refusal) return { ok: false, error: refusal };
      return accept({ type: 'NominationAdmitted', data: { ...stamp(command), ...entry } });
    }
    case 'ReleaseNomination':
      if (!state.admitted[command.nominationId]) return accept();
      return accept({
        type: 'NominationReleased',
        data: { ...stamp(command), nominationId: command.nominationId, reason: normaliseText(command.reason) },
      });
  }
}

export function evolveCampaign(state: CampaignState, event: CampaignEvent): CampaignState {
  const version = state.version + 1;
  switch (event.type) {
    case 'CampaignCreated':
      return { ...state, version, stage: 'Planned', definition: event.data.definition };
    case 'CampaignOpened':
      return { ...state, version, stage: 'Open', openedAt: event.data.at };
    case 'IntakeOpened':
      return { ...state, version, intakeStarted: true };
    case 'IntakeClosed':
      return { ...state, version, stage: 'IntakeClosed', intakeClosedAt: event.data.at };
    case 'CampaignClosed':
      return { ...state, version, stage: 'Closed', closedAt: event.data.at };
    case 'NominationAdmitted': {
      const { at: _at, by: _by, ...entry } = event.data;
      return { ...state, version, admitted: { ...state.admitted, [entry.nominationId]: entry } };
    }
    case 'NominationReleased': {
      const { [event.data.nominationId]: _gone, ...rest } = state.admitted;
      return { ...state, version, admitted: rest };
    }
  }
}

export function foldCampaign(events: readonly CampaignEvent[]): CampaignState {
  return events.reduce(evolveCampaign, initialCampaignState);
}

/** The next timer the campaign asks for: the intake's start (once opened), then its close. */
export function nextCampaignTimer(
  state: CampaignState,
): { readonly kind: 'ReachIntakeOpening' | 'ReachIntakeClosing'; readonly at: string } | undefined {
  const d = state.definition;
  if (!d) return undefined;
  if (state.stage === 'Open' && !state.intakeStarted) return { kind: 'ReachIntakeOpening', at: d.intakeOpensAt };
  if (state.stage === 'Open' || state.stage === 'Planned') return { kind: 'ReachIntakeClosing', at: d.intakeClosesAt };
  return undefined;
}

/** The quotas as they stand: planned, admitted, left. */
export function quotaUsage(
  state: CampaignState,
): { awardType: string; quota?: number; admitted: number; left?: number }[] {
  return (state.definition?.plannedAwards ?? []).map((p) => {
    const admitted = admittedCount(state, p.awardType);
    return {
      awardType: p.awardType,
      ...(p.quota !== undefined ? { quota: p.quota, left: Math.max(0, p.quota - admitted) } : {}),
      admitted,
    };
  });
}

export function campaignStreamName(campaignId: string): string {
  return `campaign-${campaignId}`;
}
