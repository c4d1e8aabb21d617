// "No double reward" as the append activity applies it: a key stream per
// achievement, holders judged by folding their own streams, on a real store.
import { randomUUID } from 'node:crypto';
import { RESERVATION_EVENT_TYPE, type ActorRef } from '@laurel/domain';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import { reservationStreamName, reserveKey } from '@laurel/infra/reservations/achievement-reservations';
import type { Stores } from '@laurel/infra/runtime/stores';
import { actors, at, draftCommand, policy, submitCommand } from '../../domain/testing/fixtures';
import { openMemoryStores, SimulatedNomination } from '../audit/simulated-nomination';

let stores: Stores;
beforeAll(async () => {
  stores = await openMemoryStores();
}, 60_000);
afterAll(async () => {
  await stores?.close();
});

const by: ActorRef = { ...actors.head };

function request(key: string, nominationId: string) {
  return { kind: 'achievement' as const, key, nominationId, at: at(1), by };
}

async function keyStream(key: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of stores.events.readStream(reservationStreamName('achievement', key))) events.push(e);
  return events;
}

/** A nomination that exists in the store, drafted and submitted. */
async function submitted(): Promise<SimulatedNomination> {
  const sim = new SimulatedNomination(stores.events, `res-${randomUUID()}`, policy);
  await sim.update(draftCommand());
  await sim.update(submitCommand());
  return sim;
}

describe('reserveKey', () => {
  it('takes a fresh key, and answers a second call by the same nomination without writing again', async () => {
    const key = `k-${randomUUID()}`;
    expect(await reserveKey(stores.events, request(key, 'n-first'))).toBeUndefined();
    expect(await reserveKey(stores.events, request(key, 'n-first'))).toBeUndefined();
    const stream = await keyStream(key);
    expect(stream.map((e) => [e.type, e.data['nominationId']])).toEqual([[RESERVATION_EVENT_TYPE, 'n-first']]);
  });

  it('refuses a key an open nomination holds, naming it, and writes nothing', async () => {
    const holder = await submitted();
    const key = `k-${randomUUID()}`;
    expect(await reserveKey(stores.events, request(key, holder.nominationId))).toBeUndefined();
    const refusal = await reserveKey(stores.events, request(key, 'n-second'));
    expect(refusal).toMatchObject({ kind: 'achievement', key, heldBy: holder.nominationId });
    expect(refusal?.message).toMatch(/no double reward/);
    expect(await keyStream(key)).toHaveLength(1);
  });

  it('takes a key over from a holder that was withdrawn, or never came to exist', async () => {
    const holder = await submitted();
    const key = `k-${randomUUID()}`;
    await reserveKey(stores.events, request(key, holder.nominationId));
    await holder.update({
      type: 'WithdrawNomination',
      nominationId: holder.nominationId,
      actor: actors.head,
      at: at(2),
      reason: 'Đơn vị rút để đề nghị lại.',
    });
    expect(await reserveKey(stores.events, request(key, 'n-next'))).toBeUndefined();

    const ghostKey = `k-${randomUUID()}`;
    await reserveKey(stores.events, request(ghostKey, `never-${randomUUID()}`));
    expect(await reserveKey(stores.events, request(ghostKey, 'n-real'))).toBeUndefined();

    const stream = await keyStream(key);
    expect(stream.map((e) => e.data['nominationId'])).toEqual([holder.nominationId, 'n-next']);
    expect(stream[1]!.data['previousNominationId']).toBe(holder.nominationId);
  });

  it('lets exactly one of several racing open nominations take a key', async () => {
    const racers = await Promise.all([submitted(), submitted(), submitted(), submitted()]);
    const key = `k-${randomUUID()}`;
    const answers = await Promise.all(racers.map((r) => reserveKey(stores.events, request(key, r.nominationId))));
    const stream = await keyStream(key);
    expect(stream).toHaveLength(1);
    const winner = stream[0]!.data['nominationId'];
    expect(answers.filter((a) => a === undefined)).toHaveLength(1);
    expect(answers[racers.findIndex((r) => r.nominationId === winner)]).toBeUndefined();
    for (const refusal of answers.filter((a) => a !== undefined)) {
      expect(refusal).toMatchObject({ kind: 'achievement', key });
      // Named when the loser read the winner's event; a loser out of attempts still refuses, unnamed.
      if (refusal!.heldBy !== undefined) expect(refusal!.heldBy).toBe(winner);
    }
  });
});
