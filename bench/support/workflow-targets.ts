// The lifecycles the workflow bench drives: the same ten updates for Laurel's
// workflow and for the bare one, with what differs between them (how the first
// update starts the workflow, how the result is checked, what the caller does
// after each answer) in a Target.
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import { type PolicySet } from '@laurel/domain';
import type { nominationWorkflow } from '@laurel/workflows';
import {
  castVoteUpdate,
  draftUpdate,
  issueDecisionUpdate,
  nominationWorkflowId,
  recordCouncilOpinionUpdate,
  submitUpdate,
} from '@laurel/workflows/nomination/messages';
import {
  COUNCIL_SIZE,
  councillor,
  draftArgs,
  people,
  PROPOSING_UNIT,
  VOTER_UNITS,
  voter,
} from '../../test/support/nomination-harness';
import type { BareWorkflowInput, bareWorkflow } from '../fixtures/bare.workflow';
import { type Script, type Step } from './reviewer-pool';

/** draft, submit, one vote per block member, one opinion per councillor, the decision. */
export const UPDATES_PER_NOMINATION = 2 + VOTER_UNITS.length + COUNCIL_SIZE + 1;

/** How a lifecycle's first update starts its workflow: the only thing that differs between variants. */
export interface Target<W extends Workflow> {
  readonly label: string;
  workflowId(id: string): string;
  start(id: string): WithStartWorkflowOperation<W>;
  /** Checks the completed workflow's result. */
  verify?(result: unknown, id: string): void;
  /** Runs after each update answers, inside the step's time (a caller that appends what the update decided). */
  afterAction?(id: string, result: unknown): Promise<void>;
}

/** The happy path of the workflow tests, one action per step, reviewers' payloads as the API would send them. */
export function lifecycle<W extends Workflow>(client: Client, target: Target<W>, id: string): Script {
  const workflowId = target.workflowId(id);
  const handle = client.workflow.getHandle(workflowId);
  const steps: Step[] = [
    {
      kind: 'draft',
      run: () =>
        client.workflow.executeUpdateWithStart(draftUpdate, {
          args: [draftArgs({ province: 'lao-cai', nominee: nomineeOf(id) })],
          startWorkflowOperation: target.start(id),
        }),
    },
    {
      kind: 'submit',
      run: () =>
        handle.executeUpdate(submitUpdate, {
          args: [
            {
              actor: people.head,
              eligibleVoterUnitIds: [PROPOSING_UNIT, ...VOTER_UNITS],
              councilMemberCount: COUNCIL_SIZE,
            },
          ],
        }),
    },
    ...VOTER_UNITS.map((unit): Step => ({
      kind: 'vote',
      run: () => handle.executeUpdate(castVoteUpdate, { args: [{ actor: voter(unit), choice: 'approve' }] }),
    })),
    ...Array.from({ length: COUNCIL_SIZE }, (_, n): Step => ({
      kind: 'opinion',
      run: () =>
        handle.executeUpdate(recordCouncilOpinionUpdate, {
          args: [{ actor: councillor(n + 1), recommendation: 'approve' }],
        }),
    })),
    {
      kind: 'decision',
      run: () =>
        handle.executeUpdate(issueDecisionUpdate, {
          args: [{ actor: people.chairman, outcome: 'approved', decisionNumber: '163/QĐ-UBND' }],
        }),
    },
  ];
  if (steps.length !== UPDATES_PER_NOMINATION) throw new Error('lifecycle and UPDATES_PER_NOMINATION disagree');
  const after = target.afterAction?.bind(target);
  return {
    id: `${target.label}:${id}`,
    steps: after ? steps.map((step) => ({ kind: step.kind, run: async () => after(id, await step.run()) })) : steps,
    completed: async () => target.verify?.(await handle.result(), id),
  };
}

function nomineeOf(id: string) {
  return { kind: 'individual', name: 'Nguyễn Thị Hương', unitId: PROPOSING_UNIT, personId: `p-${id}` } as const;
}

export function laurelTarget(taskQueue: string, policy: PolicySet): Target<typeof nominationWorkflow> {
  return {
    label: 'laurel',
    workflowId: nominationWorkflowId,
    start: (id) =>
      new WithStartWorkflowOperation<typeof nominationWorkflow>('nominationWorkflow', {
        workflowId: nominationWorkflowId(id),
        taskQueue,
        args: [{ nominationId: id, policy }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    verify(result, id) {
      const outcome = (result as { outcome?: unknown }).outcome;
      if (outcome !== 'Awarded') throw new Error(`nomination ${id} ended ${String(outcome)}, expected Awarded`);
    },
  };
}

export function bareTarget(
  taskQueue: string,
  costs: Omit<BareWorkflowInput, 'nominationId' | 'updates'>,
  afterAction?: Target<typeof bareWorkflow>['afterAction'],
): Target<typeof bareWorkflow> {
  const workflowId = (id: string) => `bench-bare-${id}`;
  return {
    label: 'bare',
    workflowId,
    start: (id) =>
      new WithStartWorkflowOperation<typeof bareWorkflow>('bareWorkflow', {
        workflowId: workflowId(id),
        taskQueue,
        args: [{ nominationId: id, updates: UPDATES_PER_NOMINATION, ...costs }],
        workflowIdConflictPolicy: 'FAIL',
      }),
    verify(result, id) {
      const version = (result as { version?: unknown }).version;
      if (version !== UPDATES_PER_NOMINATION) throw new Error(`bare ${id} completed after ${String(version)} updates`);
    },
    ...(afterAction ? { afterAction } : {}),
  };
}
