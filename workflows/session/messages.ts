import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  BallotChoice,
  CouncilBallotChoice,
  CouncilSessionState,
  OpenCouncilSession,
  BlockSessionState,
  DecisionListState,
  IssueDecisionList,
  OpenBlockSession,
} from '@laurel/domain';
import type { ActionProof } from '../nomination/messages';

/**
 * Messages of the batch workflows (block sessions, and later council sessions
 * and decision lists), shared by the workflows and their clients. A batch has
 * its own workflow and stream; every item stays its own nomination, driven by
 * that nomination's own updates with deterministic update ids, so a batch
 * resumed after a crash applies nothing twice.
 */

/** Batches run on a queue of their own: their worker also holds a client that drives the nominations. */
export function sessionTaskQueue(nominationTaskQueue: string): string {
  return `${nominationTaskQueue}-sessions`;
}

export function blockSessionWorkflowId(sessionId: string): string {
  return `block-session-${sessionId}`;
}

export function blockSessionStreamName(sessionId: string): string {
  return `block-session-${sessionId}`;
}

export interface BlockSessionWorkflowInput {
  /** The session's opening, judged by the API against the nominations' states. */
  readonly open: Omit<OpenBlockSession, 'type'>;
  /** Where the items' own workflows run. */
  readonly nominationTaskQueue: string;
}

/** How far one item has got in applying the session to its nomination. */
export interface ItemProgress {
  readonly nominationId: string;
  /** Ballots whose choice for this item its nomination has taken. */
  readonly votesApplied: number;
  readonly votesDue: number;
  /** `closed` once the nomination's block vote is closed by the session. */
  readonly status: 'voting' | 'closing' | 'closed' | 'failed';
  readonly error?: { readonly code: string; readonly message: string };
  /** Stage and outcome of the nomination after the session's close. */
  readonly stage?: string;
  readonly outcome?: string;
}

export interface BlockSessionView {
  readonly sessionId: string;
  readonly state: BlockSessionState;
  readonly items: readonly ItemProgress[];
  /** Items whose work is done (closed or failed) over all items; during voting, votes applied over votes due. */
  readonly progress: { readonly done: number; readonly total: number };
  /** The session's stream version. */
  readonly version: number;
}

export interface SessionActionArgs {
  readonly actor: Actor;
  readonly proof?: ActionProof;
}

export interface CastBallotArgs extends SessionActionArgs {
  readonly choices: readonly BallotChoice[];
}

export interface SessionActionResult {
  readonly sessionId: string;
  readonly stage: BlockSessionState['stage'] | CouncilSessionState['stage'];
  readonly version: number;
  /** Store position of the session's last event (`<commit>.<prepare>`); reads that name it see this action. */
  readonly position?: string;
  readonly eventTypes: readonly string[];
}

export const castBallotUpdate = defineUpdate<SessionActionResult, [CastBallotArgs]>('castSessionBallot');
export const closeBlockSessionUpdate = defineUpdate<SessionActionResult, [SessionActionArgs]>('closeBlockSession');
export const blockSessionQuery = defineQuery<BlockSessionView>('blockSession');

/** Where the workflow itself is: small, so a caller can wait for the opening without shipping the agenda. */
export interface SessionStage {
  readonly stage: BlockSessionState['stage'] | CouncilSessionState['stage'];
  readonly version: number;
}

/**
 * The session workflow's own stage. The read models may show the opening
 * before the workflow has folded it (the append is done, the workflow task
 * not yet): an action sent in that moment would find the session not open.
 */
export const sessionStageQuery = defineQuery<SessionStage>('sessionStage');

export function decisionListWorkflowId(decisionListId: string): string {
  return `decision-list-${decisionListId}`;
}

export function decisionListStreamName(decisionListId: string): string {
  return `decision-list-${decisionListId}`;
}

export interface DecisionListWorkflowInput {
  readonly issue: Omit<IssueDecisionList, 'type'>;
}

export interface DecisionItemProgress {
  readonly nominationId: string;
  readonly status: 'pending' | 'done' | 'failed';
  readonly error?: { readonly code: string; readonly message: string };
  readonly stage?: string;
  readonly outcome?: string;
}

export interface DecisionListView {
  readonly decisionListId: string;
  readonly state: DecisionListState;
  readonly items: readonly DecisionItemProgress[];
  readonly progress: { readonly done: number; readonly total: number; readonly finished: boolean };
  readonly version: number;
}

export const decisionListQuery = defineQuery<DecisionListView>('decisionList');

export function councilSessionWorkflowId(sessionId: string): string {
  return `council-session-${sessionId}`;
}

export function councilSessionStreamName(sessionId: string): string {
  return `council-session-${sessionId}`;
}

export interface CouncilSessionWorkflowInput {
  readonly open: Omit<OpenCouncilSession, 'type'>;
}

export interface CouncilSessionView {
  readonly sessionId: string;
  readonly state: CouncilSessionState;
  readonly items: readonly ItemProgress[];
  readonly progress: { readonly done: number; readonly total: number; readonly finished: boolean };
  readonly version: number;
}

export interface CastCouncilBallotArgs extends SessionActionArgs {
  readonly choices: readonly CouncilBallotChoice[];
}

export const castCouncilBallotUpdate = defineUpdate<SessionActionResult, [CastCouncilBallotArgs]>('castCouncilBallot');
export const closeCouncilSessionUpdate = defineUpdate<SessionActionResult, [SessionActionArgs]>('closeCouncilSession');
export const councilSessionQuery = defineQuery<CouncilSessionView>('councilSession');
