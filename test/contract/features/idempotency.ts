import { EventIdConflictError } from '@laurel/infra/event-store/errors';
import { type EventToAppend, type EventStore } from '@laurel/infra/event-store/port';
import { rejectionOf, type ContractContext, type EventStoreContractHarness } from '../contract-support';

/** The contract's 'idempotency by event id' feature; run by eventStoreContract (test/contract/event-store.contract.ts). */
export function idempotencyByEventId(ctx: ContractContext): void {
  const { event, readAllOf, freshStream } = ctx;
  let store: EventStore;
  let harness: EventStoreContractHarness;
  beforeAll(() => {
    ({ store, harness } = ctx.opened());
  });

  describe('idempotency by event id', () => {
    it('treats a repeat with the same ids and content as a no-op returning the first result', async () => {
      const stream = freshStream();
      const batch = [event(`${stream}:1`, { n: 1 }), event(`${stream}:2`, { n: 2 }, 'Other', { by: 'Lê' })];
      const first = await store.append(stream, batch, 0);
      expect(await store.append(stream, batch, 0)).toEqual(first);
      await store.append(stream, [event(`${stream}:3`)], 2);
      // Still recognised once the stream has moved on, and with 'any'.
      expect(await store.append(stream, batch, 0)).toEqual(first);
      expect(await store.append(stream, batch, 'any')).toEqual(first);
      expect(await store.append(stream, [event(`${stream}:3`)], 2)).toEqual(
        expect.objectContaining({ nextVersion: 3 }),
      );
      expect((await readAllOf(store.readStream(stream))).map((e) => e.id)).toEqual([
        `${stream}:1`,
        `${stream}:2`,
        `${stream}:3`,
      ]);
    });

    it('refuses the same id with other content', async () => {
      const stream = freshStream();
      await store.append(stream, [event(`${stream}:1`, { n: 1 })], 0);
      const variants: EventToAppend[] = [
        event(`${stream}:1`, { n: 2 }),
        event(`${stream}:1`, { n: 1 }, 'OtherType'),
        event(`${stream}:1`, { n: 1 }, 'SomethingHappened', { extra: true }),
      ];
      for (const variant of variants) {
        const error = await rejectionOf(store.append(stream, [variant], 0));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect((error as EventIdConflictError).code).toBe('event_id_conflict');
        expect((error as EventIdConflictError).eventId).toBe(`${stream}:1`);
      }
      const events = await readAllOf(store.readStream(stream));
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toEqual({ n: 1 });
    });

    it('refuses an event id already used in another stream, where ids are store-wide', async () => {
      if (!harness.eventIdsUniqueAcrossStreams) return;
      const first = freshStream();
      const second = freshStream();
      await store.append(first, [event(`${first}:shared`)], 0);
      const error = await rejectionOf(store.append(second, [event(`${first}:shared`)], 0));
      expect(error).toBeInstanceOf(EventIdConflictError);
      expect(await store.streamVersion(second)).toBe(0);
    });
  });
}
