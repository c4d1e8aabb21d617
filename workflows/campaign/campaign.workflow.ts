import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  isCancellation,
  log,
  patched,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import {
  campaignStreamName,
  decideCampaign,
  evolveCampaign,
  initialCampaignState,
  nextCampaignTimer,
  type CampaignCommand,
  type CampaignCommandType,
  type CampaignError,
  type CampaignEvent,
  type CampaignState,
} from '@laurel/domain/campaign/campaign';
import type { Actor } from '@laurel/domain';
import { NonRetryableActivityErrors, type NominationActivities } from '../nomination/activities';
import { ActionProofErrorCode, type ActionProof } from '../nomination/messages';
import {
  admitNominationUpdate,
  campaignStateQuery,
  closeCampaignUpdate,
  closeIntakeUpdate,
  createCampaignUpdate,
  openCampaignUpdate,
  releaseNominationUpdate,
  type CampaignActionResult,
  type CampaignWorkflowInput,
} from './messages';

const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system' };

const STORE_CONFLICTS: readonly string[] = ['CONCURRENCY_CONFLICT', 'EVENT_ID_CONFLICT'];
/**
 * An append can commit and its workflow task still fail (a task timed out on a
 * busy worker); the retried task appends again, with the command's time now
 * different, and the store refuses the repeated event ids. Such a run reads
 * what the stream holds, folds it, and answers its own stored events. Behind a
 * patch: a history from before it failed at this point and must replay so.
 */
const CATCH_UP_PATCH = 'campaign-catch-up-after-store-conflict';

// The same hash-chained append the nominations use, on the campaign's own stream.
const { appendEvents, loadEvents } = proxyLocalActivities<NominationActivities>({
  startToCloseTimeout: '10s',
  scheduleToCloseTimeout: '5m',
  retry: {
    initialInterval: '200ms',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    nonRetryableErrorTypes: [...NonRetryableActivityErrors],
  },
});

function refusal(error: CampaignError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: true,
    details: error.details === undefined ? [] : [error.details],
  });
}

/** As for nominations: only an action the API signed, for this workflow, update and update id, is taken. */
function proofRefusal(args: object, update: string, updateId: string | undefined): ApplicationFailure | undefined {
  const proof = (args as { proof?: ActionProof }).proof;
  const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
  if (proof === undefined || proof === null) {
    return refuse(ActionProofErrorCode.ACTION_NOT_SIGNED, `${update}: the action carries no proof of who asked`);
  }
  if (proof.verified !== true) {
    return refuse(ActionProofErrorCode.ACTION_SIGNATURE_INVALID, `${update}: the action's signature does not hold`);
  }
  const info = workflowInfo();
  if (proof.workflowId !== info.workflowId || proof.update !== update || proof.updateId !== updateId) {
    return refuse(
      ActionProofErrorCode.ACTION_SIGNATURE_INVALID,
      `${update}: the action's proof was made for another workflow, update or update id`,
    );
  }
  return undefined;
}

function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

/**
 * One campaign: its intake window's ends are durable timers, every change is
 * an event on `campaign-<id>`, and admissions are decided one at a time
 * (a mutex), so a quota cannot be overrun by two nominations racing.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignActionResult> {
  const { campaignId } = input;
  const streamName = campaignStreamName(campaignId);
  let state: CampaignState = initialCampaignState;
  let position = '';
  const mutex = new Mutex();

  const result = (eventTypes: readonly string[]): CampaignActionResult => ({
    campaignId,
    stage: state.stage,
    version: state.version,
    position,
    eventTypes,
  });

  function command(type: CampaignCommandType, args: object): CampaignCommand {
    const { proof: _proof, ...fields } = args as { proof?: unknown };
    return { ...fields, type, at: nowIso() } as CampaignCommand;
  }

  async function apply(cmd: CampaignCommand, causationId: string, proof?: ActionProof): Promise<CampaignActionResult> {
    const decision = decideCampaign(state, cmd);
    if (!decision.ok) throw refusal(decision.error);
    if (decision.events.length === 0) return result([]);
    const info = workflowInfo();
    const first = state.version + 1;
    // The stored proof is what `verify` needs, without the worker's verdict.
    const keptProof = proof === undefined ? undefined : (({ verified: _v, ...rest }: ActionProof) => rest)(proof);
    const appendInput = {
      streamName,
      expectedVersion: state.version,
      events: decision.events.map((event, i) => ({
        key: `${streamName}@${first + i}`,
        type: event.type,
        data: event.data as never,
        metadata: {
          actor: { ...cmd.actor },
          workflowId: info.workflowId,
          runId: info.runId,
          causationId,
          correlationId: campaignId,
          schemaVersion: 1,
          ...(keptProof ? { proof: keptProof } : {}),
        } as never,
      })),
    };
    let appended: Awaited<ReturnType<typeof appendEvents>>;
    try {
      appended = await appendEvents(appendInput);
    } catch (error) {
      const failure =
        error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : error;
      if (
        failure instanceof ApplicationFailure &&
        STORE_CONFLICTS.includes(failure.type ?? '') &&
        patched(CATCH_UP_PATCH)
      ) {
        const mine = await catchUp(causationId);
        if (mine) return mine;
      }
      throw failure;
    }
    state = decision.events.reduce(evolveCampaign, state);
    position = appended.position;
    return result(decision.events.map((e) => e.type));
  }

  /** Folds what the stream holds beyond the state; the events `causationId` caused, if any, as its result. */
  async function catchUp(causationId: string): Promise<CampaignActionResult | undefined> {
    const { events } = await loadEvents({ streamName, fromVersion: state.version + 1 });
    let mine: string[] | undefined;
    for (const event of events) {
      state = evolveCampaign(state, { type: event.type, data: event.data } as unknown as CampaignEvent);
      position = event.position;
      if (event.causationId === causationId) (mine ??= []).push(event.type);
    }
    return mine === undefined ? undefined : result(mine);
  }

  function action<Args extends object>(
    definition: UpdateDefinition<CampaignActionResult, [Args]>,
    type: CampaignCommandType,
  ) {
    setHandler(
      definition,
      (args) => {
        const proof = (args as { proof?: ActionProof }).proof;
        return mutex.runExclusive(() => apply(command(type, args), currentUpdateInfo()?.id ?? `update:${type}`, proof));
      },
      {
        validator: (args) => {
          const refused = proofRefusal(args, definition.name, currentUpdateInfo()?.id);
          if (refused) throw refused;
          const decision = decideCampaign(state, command(type, args));
          if (!decision.ok) throw refusal(decision.error);
        },
      },
    );
  }

  action(createCampaignUpdate, 'CreateCampaign');
  action(openCampaignUpdate, 'OpenCampaign');
  action(closeIntakeUpdate, 'CloseIntake');
  action(closeCampaignUpdate, 'CloseCampaign');
  action(admitNominationUpdate, 'AdmitNomination');
  action(releaseNominationUpdate, 'ReleaseNomination');
  setHandler(campaignStateQuery, () => state);

  // Started by the create update (update-with-start): nothing to do until it has run.
  await condition(() => state.stage !== 'Initial');

  let armed: { key: string; scope: CancellationScope; fired: boolean } | undefined;
  while (state.stage !== 'Closed') {
    const seen = state.version;
    const timer = nextCampaignTimer(state);
    const key = timer && `${timer.kind}:${timer.at}`;
    if (armed && armed.key !== key) {
      armed.scope.cancel();
      armed = undefined;
    }
    if (timer && key && !armed) {
      const scope = new CancellationScope();
      const next = { key, scope, fired: false };
      void scope
        .run(() => sleep(Math.max(1, Date.parse(timer.at) - Date.now())))
        .then(
          () => {
            next.fired = true;
          },
          (error: unknown) => {
            if (!isCancellation(error)) throw error;
          },
        );
      armed = next;
    }
    const current = armed;
    await condition(() => state.version !== seen || current?.fired === true);
    if (current?.fired && timer) {
      armed = undefined;
      await mutex.runExclusive(async () => {
        // The state may have moved on while the timer fired (closed by hand): decided again, refused quietly.
        try {
          await apply(command(timer.kind, { actor: SYSTEM_ACTOR }), `timer:${current.key}`);
        } catch (error) {
          if (error instanceof ActivityFailure) throw error;
          log.warn('campaign timer refused', { timer: current.key, error });
          if (nextCampaignTimer(state)?.kind === timer.kind) {
            // Refused yet still due (the clock said too early): wait a moment and try again.
            await sleep(1000);
          }
        }
      });
    }
  }
  armed?.scope.cancel();
  await condition(allHandlersFinished);
  return result([]);
}
