// Reconciliation of a stream with its workflow's Temporal history, on a real
// hash-chained PGlite store and fabricated histories: what matches, and each
// way the two records can part (an event too few, an event too many, another
// state, a timer that never fired, a forged actor).
import { randomUUID } from 'node:crypto';
import type { CouncilRecommendation, NominationCommand, NominationState } from '@laurel/domain';
import { reconcile } from '@laurel/infra/audit/reconcile';
import { verifyStream } from '@laurel/infra/audit/verify';
import type { Stores } from '@laurel/infra/runtime/stores';
import {
  actors,
  approveCommand,
  baseEvidence,
  draftCommand,
  evidenceOf,
  opinionCommand,
  policy,
  repeat,
  submitCommand,
  votes,
  VOTER_UNITS,
} from '../../domain/testing/fixtures';
import { jsonPayload, openMemoryStores, SimulatedNomination } from './simulated-nomination';

let stores: Stores;
beforeAll(async () => {
  stores = await openMemoryStores();
}, 60_000);
afterAll(async () => {
  await stores?.close();
});

function nomination(): SimulatedNomination {
  return new SimulatedNomination(stores.events, `audit-${randomUUID()}`, policy);
}

/** Drafted, submitted, reminded by the block vote's timer, voted through, ten council opinions, decided. */
async function awarded(sim: SimulatedNomination, recommendations = repeat<CouncilRecommendation>('approve', 10)) {
  await sim.update(draftCommand());
  await sim.update(submitCommand());
  const blockVote = sim.state as Extract<NominationState, { stage: 'BlockVote' }>;
  // The workflow armed its timer right after submission and it fired at the reminder time.
  await sim.timer('SendReminder', 'BlockVote', blockVote.reminderAt!, blockVote.nomination.submittedAt!);
  for (const vote of votes(repeat('approve', VOTER_UNITS.length))) await sim.update(vote);
  for (const [i, r] of recommendations.entries()) await sim.update(opinionCommand(i + 1, r));
  await sim.update(approveCommand());
}

async function check(sim: SimulatedNomination, state: unknown = sim.queriedState(), history = sim.history) {
  return reconcile({
    workflowId: sim.workflowId,
    runId: sim.runId,
    events: await sim.stream(),
    history: { events: history },
    workflowState: state,
  });
}

describe('reconcile', () => {
  it('finds nothing wrong when every update, timer and the state agree with the stream', async () => {
    const sim = nomination();
    await awarded(sim);
    const result = await check(sim);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({
      events: sim.state.version,
      updates: 2 + VOTER_UNITS.length + 10 + 1,
      failedUpdates: 0,
      pendingUpdates: 0,
      timersFired: 1,
      timerCausedGroups: 1,
    });
  });

  it('accepts an update that failed and wrote nothing', async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    sim.failedUpdate('submit', draftCommand().at);
    expect((await check(sim)).problems).toEqual([]);
  });

  it('reports a missing event: the last event deleted keeps the chain intact but not the reconciliation', async () => {
    const sim = nomination();
    await awarded(sim);
    const stream = await sim.stream();
    const last = stream[stream.length - 1]!;
    await stores.sql.query(`DELETE FROM laurel.events WHERE event_id = $1`, [last.id]);

    // Truncating the tail leaves a valid chain: only the workflow's record shows the loss.
    expect(await verifyStream(stores.events, sim.streamName)).toEqual({ ok: true, events: stream.length - 1 });
    const result = await check(sim);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code).sort()).toEqual(['state_mismatch', 'update_without_events']);
    expect(result.problems.find((p) => p.code === 'update_without_events')).toMatchObject({
      updateId: sim.updateIds[sim.updateIds.length - 1],
    });
  });

  it('reports an extra event: a well-chained event that no update caused', async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    await sim.update(submitCommand());
    const forged = votes(['approve'])[0]!;
    // Appended through the chained store, so the chain is intact, with an update id Temporal never saw.
    const fake = randomUUID();
    const history = [...sim.history];
    await sim.update(forged, fake);
    // Checked against the history as it was before: Temporal never recorded that update.
    const result = await check(sim, sim.queriedState(), history);
    expect(await verifyStream(stores.events, sim.streamName)).toMatchObject({ ok: true });
    expect(result.ok).toBe(false);
    const stream = await sim.stream();
    expect(result.problems[0]).toMatchObject({
      code: 'events_without_update',
      version: stream.length,
      eventId: stream[stream.length - 1]!.id,
      causationId: fake,
    });
  });

  it('reports a state that folding the stream does not give, naming where they part', async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    const state = sim.queriedState() as Extract<NominationState, { stage: 'Draft' }>;
    const other = { ...state, nomination: { ...state.nomination, campaignYear: 1999 } };
    const result = await check(sim, other);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'state_mismatch', path: 'nomination.campaignYear' }),
    ]);
  });

  it('reports a state it could not ask for', async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    const result = reconcile({
      workflowId: sim.workflowId,
      runId: sim.runId,
      events: await sim.stream(),
      history: { events: sim.history },
      workflowState: undefined,
    });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'state_unavailable' })]);
  });

  it('reports timer-caused events whose timer never fired', async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    await sim.update(submitCommand());
    const before = sim.history.length;
    const { reminderAt, nomination: summary } = sim.state as Extract<NominationState, { stage: 'BlockVote' }>;
    await sim.timer('SendReminder', 'BlockVote', reminderAt!, summary.submittedAt!);
    const timerless = sim.history.filter((e, i) => i < before || !e.timerFiredEventAttributes);
    const result = await check(sim, sim.queriedState(), timerless);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'timer_not_fired',
        version: 3,
        causationId: `timer:SendReminder:BlockVote:${reminderAt}`,
      }),
    ]);
  });

  it('does not take a timer that fired before the event was due', async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    await sim.update(submitCommand());
    const { reminderAt, nomination: summary } = sim.state as Extract<NominationState, { stage: 'BlockVote' }>;
    await sim.timer('SendReminder', 'BlockVote', reminderAt!, summary.submittedAt!);
    const early = sim.history.map((e) =>
      e.timerStartedEventAttributes
        ? {
            ...e,
            timerStartedEventAttributes: { ...e.timerStartedEventAttributes, startToFireTimeout: { seconds: '60' } },
          }
        : e,
    );
    expect((await check(sim, sim.queriedState(), early)).problems.map((p) => p.code)).toEqual(['timer_not_fired']);
  });

  it('reports events written for an update that failed', async () => {
    const sim = nomination();
    const updateId = await sim.update(draftCommand());
    const failed = sim.history.map((e) =>
      e.workflowExecutionUpdateCompletedEventAttributes
        ? {
            ...e,
            workflowExecutionUpdateCompletedEventAttributes: {
              ...e.workflowExecutionUpdateCompletedEventAttributes,
              outcome: { failure: { message: 'boom' } },
            },
          }
        : e,
    );
    expect((await check(sim, sim.queriedState(), failed)).problems).toEqual([
      expect.objectContaining({ code: 'events_for_failed_update', version: 1, updateId }),
    ]);
  });

  it('reports an event whose actor is not the one who sent the update', async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    const forged = sim.history.map((e) => {
      const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
      if (!accepted) return e;
      const args = { ...draftCommand(), actor: actors.head };
      return {
        ...e,
        workflowExecutionUpdateAcceptedEventAttributes: {
          acceptedRequest: {
            ...accepted.acceptedRequest,
            input: { name: 'draft', args: { payloads: [jsonPayload(args)] } },
          },
        },
      };
    });
    expect((await check(sim, sim.queriedState(), forged)).problems).toEqual([
      expect.objectContaining({ code: 'actor_mismatch', version: 1, path: 'role' }),
    ]);
  });

  it("reports an update whose answer names other versions than the stream's", async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    const answered = sim.history.map((e) =>
      e.workflowExecutionUpdateCompletedEventAttributes
        ? {
            ...e,
            workflowExecutionUpdateCompletedEventAttributes: {
              ...e.workflowExecutionUpdateCompletedEventAttributes,
              outcome: {
                success: { payloads: [jsonPayload({ version: 2, eventTypes: ['NominationDrafted', 'DraftEdited'] })] },
              },
            },
          }
        : e,
    );
    expect((await check(sim, sim.queriedState(), answered)).problems.map((p) => p.code)).toEqual([
      'update_result_mismatch',
    ]);
  });

  it('reports events of another workflow run', async () => {
    const sim = nomination();
    await sim.update(draftCommand());
    const result = reconcile({
      workflowId: sim.workflowId,
      runId: randomUUID(),
      events: await sim.stream(),
      history: { events: sim.history },
      workflowState: sim.queriedState(),
    });
    expect(result.problems.map((p) => p.code)).toEqual(['workflow_mismatch']);
  });

  it('compares secret ballots sealed on both sides', async () => {
    const sim = nomination();
    const fighter: NominationCommand[] = [
      draftCommand({
        awardType: 'ProvincialEmulationFighter',
        record: {
          titles: [2022, 2023, 2024].map((year) => ({ year, title: 'GrassrootsEmulationFighter' as const })),
          ratings: [],
          initiatives: [{ year: 2024, title: 'Số hoá hồ sơ đảng viên toàn tỉnh', scope: 'province' }],
        },
        evidence: [...baseEvidence, evidenceOf('initiative_certificate')],
      }),
      submitCommand(),
      ...votes(repeat('approve', VOTER_UNITS.length)),
      opinionCommand(1, 'approve'),
      opinionCommand(2, 'reject'),
    ];
    for (const command of fighter) await sim.update(command);
    const queried = sim.queriedState();
    expect(JSON.stringify(queried)).toContain('"recommendation":"sealed"');
    expect((await check(sim, queried)).problems).toEqual([]);
  });
});
