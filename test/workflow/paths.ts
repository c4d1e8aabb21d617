// The nomination paths, each driven through the workflow's updates on the
// `test-fast` policy. Shared by the outcome tests and scripts/record-histories.ts,
// so the recorded histories are exactly what the tests exercise.
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Evidence, ReportedOutcome } from '@laurel/domain';
import {
  castVoteUpdate,
  issueDecisionUpdate,
  nominationStreamName,
  nominationWorkflowId,
  provideSupplementUpdate,
  recordDocumentUpdate,
  requestSupplementUpdate,
  revokeAwardUpdate,
  withdrawUpdate,
} from '@laurel/workflows/nomination/messages';
import {
  COUNCIL_SIZE,
  eventually,
  fastPolicy,
  people,
  voter,
  VOTER_UNITS,
  type NominationHarness,
} from '../support/nomination-harness';

export interface PathRun {
  /** The event types the stream must hold, in order. */
  readonly expected: readonly string[];
  /** How the nomination closed; 'Open' for a path that leaves it running. */
  readonly outcome: ReportedOutcome | 'Open';
}

export type NominationPath = (h: NominationHarness, nominationId: string) => Promise<PathRun>;

const allApprove = VOTER_UNITS.map(() => 'approve' as const);
const councilApproves = Array.from({ length: COUNCIL_SIZE }, () => 'approve' as const);
const votes = VOTER_UNITS.map(() => 'BlockVoteCast');
const opinions = Array.from({ length: COUNCIL_SIZE }, () => 'CouncilOpinionRecorded');
const toCouncil = ['NominationDrafted', 'NominationSubmitted', ...votes, 'BlockVoteClosed', 'CouncilReviewOpened'];
const toDecision = [...toCouncil, ...opinions, 'CouncilReviewClosed', 'ProvincialDecisionOpened'];
/** The stream of the plain awarded path. */
export const awardedTypes: readonly string[] = [...toDecision, 'DecisionIssued'];

export const supplementEvidence: Evidence[] = [
  {
    documentId: 'doc-supplement-1',
    title: 'Biên bản bổ sung',
    kind: 'other',
    sizeBytes: 4096,
    sha256: 'cd'.repeat(32),
  },
];

async function toCouncilReview(h: NominationHarness, id: string): Promise<void> {
  await h.draftAndSubmit(id);
  await h.vote(id, allApprove);
}

async function toProvincialDecision(h: NominationHarness, id: string): Promise<void> {
  await toCouncilReview(h, id);
  await h.council(id, councilApproves);
}

/**
 * Another writer (a stale run, a repair script) appends the vote of unit
 * `VOTER_UNITS[unit]` behind the workflow's back, at `expectedVersion`.
 */
export async function appendVoteBehindTheWorkflow(
  h: NominationHarness,
  id: string,
  unit: number,
  expectedVersion: number,
): Promise<void> {
  const outsider = voter(VOTER_UNITS[unit]!);
  await h.stores.events.append(
    nominationStreamName(id),
    [
      {
        id: randomUUID(),
        type: 'BlockVoteCast',
        data: {
          unitId: outsider.unitId!,
          choice: 'approve',
          policy: { id: fastPolicy.id, version: fastPolicy.version },
          at: new Date().toISOString(),
          by: { userId: outsider.userId, role: 'unit_head', unitId: outsider.unitId!, blockId: outsider.blockId! },
        },
        metadata: { actor: { userId: 'repair-script', role: 'admin' }, causationId: 'manual-repair' },
      },
    ],
    expectedVersion,
  );
}

/** The error type an update failed with, or undefined if it went through. */
export async function updateFailureType(update: Promise<unknown>): Promise<string | undefined> {
  try {
    await update;
    return undefined;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return error.cause.type ?? 'ApplicationFailure';
    }
    throw error;
  }
}

/** Unit 1 votes, unit 2's vote is appended behind the workflow, and unit 3's vote meets the conflict. */
async function voteAfterOutsideAppend(h: NominationHarness, id: string): Promise<void> {
  await h.draftAndSubmit(id);
  await h.vote(id, ['approve']);
  await appendVoteBehindTheWorkflow(h, id, 1, 3);
  const third = h
    .handle(id)
    .executeUpdate(castVoteUpdate, { args: [{ actor: voter(VOTER_UNITS[2]!), choice: 'approve' }] });
  const failure = await updateFailureType(third);
  if (failure !== 'CONCURRENCY_CONFLICT') throw new Error(`expected CONCURRENCY_CONFLICT, got ${failure ?? 'success'}`);
}

async function approve(h: NominationHarness, id: string): Promise<void> {
  await h.handle(id).executeUpdate(issueDecisionUpdate, {
    args: [{ actor: people.chairman, outcome: 'approved', decisionNumber: '163/QĐ-UBND' }],
  });
}

async function requestSupplement(h: NominationHarness, id: string): Promise<void> {
  await h.handle(id).executeUpdate(requestSupplementUpdate, {
    args: [{ actor: people.board, reason: 'Thiếu biên bản họp xét của đơn vị' }],
  });
}

/** Seconds-long stages need real waiting on the dev server; this waits for the workflow to close. */
async function closed(h: NominationHarness, id: string): Promise<void> {
  await h.handle(id).result();
}

export const paths = {
  async awarded(h, id) {
    await toProvincialDecision(h, id);
    await approve(h, id);
    return { expected: awardedTypes, outcome: 'Awarded' };
  },

  /** Three of four units reject: every unit voted, so the vote closes at once and fails. */
  async 'block-vote-failed'(h, id) {
    await h.draftAndSubmit(id);
    await h.vote(id, ['reject', 'reject', 'approve', 'reject']);
    return {
      expected: ['NominationDrafted', 'NominationSubmitted', ...votes, 'BlockVoteClosed'],
      outcome: 'NotAwarded',
    };
  },

  async 'council-rejected'(h, id) {
    await toCouncilReview(h, id);
    await h.council(id, ['reject', 'approve', 'reject']);
    return { expected: [...toCouncil, ...opinions, 'CouncilReviewClosed'], outcome: 'NotAwarded' };
  },

  async 'chairman-rejected'(h, id) {
    await toProvincialDecision(h, id);
    await h.handle(id).executeUpdate(issueDecisionUpdate, {
      args: [{ actor: people.chairman, outcome: 'rejected', reason: 'Thành tích chưa tiêu biểu trong toàn tỉnh' }],
    });
    return { expected: [...toDecision, 'DecisionIssued'], outcome: 'NotAwarded' };
  },

  async 'supplement-then-awarded'(h, id) {
    await toCouncilReview(h, id);
    await requestSupplement(h, id);
    await h.handle(id).executeUpdate(provideSupplementUpdate, {
      args: [{ actor: people.officer, evidence: supplementEvidence, note: 'Đã bổ sung biên bản' }],
    });
    await h.council(id, councilApproves);
    await approve(h, id);
    return {
      expected: [
        ...toCouncil,
        'SupplementRequested',
        'SupplementProvided',
        ...opinions,
        'CouncilReviewClosed',
        'ProvincialDecisionOpened',
        'DecisionIssued',
      ],
      outcome: 'Awarded',
    };
  },

  /** The unit head withdraws while the chairman has yet to decide. */
  async withdrawn(h, id) {
    await toProvincialDecision(h, id);
    await h.handle(id).executeUpdate(withdrawUpdate, {
      args: [{ actor: people.head, reason: 'Đơn vị rút hồ sơ để hoàn thiện thêm' }],
    });
    return { expected: [...toDecision, 'NominationWithdrawn'], outcome: 'Withdrawn' };
  },

  /**
   * Awarded and closed, then revoked by the chairman: a second run of the same
   * workflow id, naming the first, reads the stream and takes the revocation.
   */
  async 'award-revoked'(h, id) {
    await toProvincialDecision(h, id);
    await approve(h, id);
    await closed(h, id);
    const { runId } = await h.handle(id).describe();
    await h.client.workflow.executeUpdateWithStart(revokeAwardUpdate, {
      args: [
        { actor: people.chairman, ground: 'standards_unmet', details: 'Thanh tra phát hiện số liệu thành tích sai' },
      ],
      startWorkflowOperation: new WithStartWorkflowOperation('nominationWorkflow', {
        workflowId: nominationWorkflowId(id),
        taskQueue: h.taskQueue,
        args: [{ nominationId: id, policy: fastPolicy, reopenedFrom: { runId } }],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    return { expected: [...awardedTypes, 'AwardRevoked'], outcome: 'Revoked' };
  },

  /**
   * Awarded and closed, then the decision's DOCX and PDF digests recorded: a
   * second run reads the stream and takes the record, as a revocation does.
   */
  async 'document-recorded'(h, id) {
    await toProvincialDecision(h, id);
    await approve(h, id);
    await closed(h, id);
    const { runId } = await h.handle(id).describe();
    await h.client.workflow.executeUpdateWithStart(recordDocumentUpdate, {
      args: [
        {
          actor: people.board,
          kind: 'decision',
          documentId: 'decision-0123456789abcdef0123456789abcdef',
          files: [
            { format: 'docx', sha256: 'd'.repeat(64), sizeBytes: 9_000 },
            { format: 'pdf', sha256: 'f'.repeat(64), sizeBytes: 40_000 },
          ],
          recordVersion: awardedTypes.length,
          templateId: 'default.decision',
          templateVersion: 1,
          reference: '163/QĐ-UBND',
        },
      ],
      startWorkflowOperation: new WithStartWorkflowOperation('nominationWorkflow', {
        workflowId: nominationWorkflowId(id),
        taskQueue: h.taskQueue,
        args: [{ nominationId: id, policy: fastPolicy, reopenedFrom: { runId } }],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    return { expected: [...awardedTypes, 'DocumentIssued', 'DocumentIssued'], outcome: 'Awarded' };
  },

  /** Supplement requested and never provided: a reminder 3 s before, expiry at 10 s. */
  async expired(h, id) {
    await toCouncilReview(h, id);
    await requestSupplement(h, id);
    await closed(h, id);
    return { expected: [...toCouncil, 'SupplementRequested', 'ReminderDue', 'NominationExpired'], outcome: 'Expired' };
  },

  /**
   * The council lets its 15 s pass: reminder, escalation to the admins, and the
   * review stays open, so the Board can still close it and the chairman decide.
   */
  async 'council-escalated'(h, id) {
    await toCouncilReview(h, id);
    await eventually(
      async () => ((await h.streamOf(id)).some((e) => e.type === 'StageEscalated') ? true : undefined),
      'the council review to be escalated',
    );
    await h.council(id, councilApproves);
    await approve(h, id);
    return {
      expected: [
        ...toCouncil,
        'ReminderDue',
        'StageEscalated',
        ...opinions,
        'CouncilReviewClosed',
        'ProvincialDecisionOpened',
        'DecisionIssued',
      ],
      outcome: 'Awarded',
    };
  },

  /**
   * Another writer appends to the stream; the next vote meets CONCURRENCY_CONFLICT.
   * Left open. Recorded with the workflow code from before the catch-up patch,
   * where the workflow stayed behind its stream for good: replaying it proves
   * the patch keeps such histories deterministic.
   */
  async 'store-conflict'(h, id) {
    await voteAfterOutsideAppend(h, id);
    return {
      expected: ['NominationDrafted', 'NominationSubmitted', 'BlockVoteCast', 'BlockVoteCast'],
      outcome: 'Open',
    };
  },

  /** The same conflict with the catch-up patch: the retried vote goes through and the nomination is awarded. */
  async 'store-conflict-caught-up'(h, id) {
    await voteAfterOutsideAppend(h, id);
    await h.vote(id, ['approve', 'approve'], 2);
    await h.council(id, councilApproves);
    await approve(h, id);
    return { expected: awardedTypes, outcome: 'Awarded' };
  },
} satisfies Record<string, NominationPath>;

export type PathName = keyof typeof paths;
export const pathNames = Object.keys(paths) as PathName[];
