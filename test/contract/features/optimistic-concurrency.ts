import { ConcurrencyError } from '@laurel/infra/event-store/errors';
import { type ExpectedVersion, type EventStore } from '@laurel/infra/event-store/port';
import { SLOW, rejectionOf, type ContractContext } from '../contract-support';

/** The contract's 'optimistic concurrency' feature; run by eventStoreContract (test/contract/event-store.contract.ts). */
export function optimisticConcurrency(ctx: ContractContext): void {
  const { event, readAllOf, freshStream } = ctx;
  let store: EventStore;
  beforeAll(() => {
    ({ store } = ctx.opened());
  });

  describe('optimistic concurrency', () => {
    const expectConflict = async (
      promise: Promise<unknown>,
      stream: string,
      expected: ExpectedVersion,
      actual: number,
    ) => {
      const error = await rejectionOf(promise);
      expect(error).toBeInstanceOf(ConcurrencyError);
      const conflict = error as ConcurrencyError;
      expect(conflict.code).toBe('concurrency_conflict');
      expect([conflict.streamName, conflict.expectedVersion, conflict.actualVersion]).toEqual([
        stream,
        expected,
        actual,
      ]);
    };

    it('refuses 0 on an existing stream, a stale version and a version ahead, writing nothing', async () => {
      const stream = freshStream();
      await store.append(stream, [event(`${stream}:1`), event(`${stream}:2`)], 0);
      await expectConflict(store.append(stream, [event(`${stream}:x`)], 0), stream, 0, 2);
      await expectConflict(store.append(stream, [event(`${stream}:y`)], 1), stream, 1, 2);
      await expectConflict(store.append(stream, [event(`${stream}:z`)], 5), stream, 5, 2);
      const events = await readAllOf(store.readStream(stream));
      expect(events.map((e) => e.id)).toEqual([`${stream}:1`, `${stream}:2`]);
    });

    it('refuses a version ahead on an absent stream', async () => {
      const stream = freshStream();
      await expectConflict(store.append(stream, [event(`${stream}:1`)], 1), stream, 1, 0);
      expect(await store.streamVersion(stream)).toBe(0);
    });

    it("appends without a check with 'any'", async () => {
      const stream = freshStream();
      expect((await store.append(stream, [event(`${stream}:1`)], 'any')).nextVersion).toBe(1);
      expect((await store.append(stream, [event(`${stream}:2`), event(`${stream}:3`)], 'any')).nextVersion).toBe(3);
      expect((await readAllOf(store.readStream(stream))).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    it(
      "serialises racing 'any' appends without losing one",
      async () => {
        const stream = freshStream();
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, w) => store.append(stream, [event(`${stream}:any${w}`, { w })], 'any')),
        );
        expect(results.map((r) => r.nextVersion).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        const events = await readAllOf(store.readStream(stream));
        expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(new Set(events.map((e) => e.id)).size).toBe(10);
      },
      SLOW,
    );

    it(
      'lets exactly one of 20 racing writers win each version',
      async () => {
        const stream = freshStream();
        const writers = 20;
        const total = 100;
        const wins = new Map<number, string>();
        let conflicts = 0;
        const writer = async (w: number): Promise<void> => {
          let attempt = 0;
          for (;;) {
            const version = await store.streamVersion(stream);
            if (version >= total) return;
            const id = `${stream}:w${w}:${attempt++}`;
            try {
              const result = await store.append(stream, [event(id, { writer: w })], version);
              expect(wins.has(result.nextVersion)).toBe(false);
              wins.set(result.nextVersion, id);
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
              conflicts++;
            }
          }
        };
        await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
        const events = await readAllOf(store.readStream(stream));
        expect(events.length).toBeGreaterThanOrEqual(total);
        expect(events.map((e) => e.version)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
        expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
        for (const e of events) expect(wins.get(e.version)).toBe(e.id);
        expect(conflicts).toBeGreaterThan(0);
      },
      SLOW,
    );
  });
}
