import { type EventStore } from '@laurel/infra/event-store/port';
import { SLOW, type ContractBatch, type ContractContext, type EventStoreContractHarness } from '../contract-support';

/** The contract's 'reading a stream' feature; run by eventStoreContract (test/contract/event-store.contract.ts). */
export function readingAStream(ctx: ContractContext): void {
  const { event, ids, readAllOf, freshStream } = ctx;
  let store: EventStore;
  let harness: EventStoreContractHarness;
  beforeAll(() => {
    ({ store, harness } = ctx.opened());
  });

  describe('reading a stream', () => {
    let stream: string;
    beforeAll(async () => {
      stream = freshStream();
      await store.append(
        stream,
        ids(stream, 10).map((id, i) => event(id, { i: i + 1 })),
        0,
      );
    });
    const versions = async (options: Parameters<EventStore['readStream']>[1]): Promise<number[]> =>
      (await readAllOf(store.readStream(stream, options))).map((e) => e.version);

    it('reads forward, backward, from a version and with a maximum count', async () => {
      expect(await versions(undefined)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await versions({ direction: 'backward' })).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(await versions({ fromVersion: 4 })).toEqual([4, 5, 6, 7, 8, 9, 10]);
      expect(await versions({ fromVersion: 4, maxCount: 3 })).toEqual([4, 5, 6]);
      expect(await versions({ direction: 'backward', fromVersion: 4 })).toEqual([4, 3, 2, 1]);
      expect(await versions({ direction: 'backward', maxCount: 2 })).toEqual([10, 9]);
      expect(await versions({ direction: 'backward', fromVersion: 7, maxCount: 1 })).toEqual([7]);
      expect(await versions({ fromVersion: 11 })).toEqual([]);
      expect(await versions({ direction: 'backward', fromVersion: 50, maxCount: 2 })).toEqual([10, 9]);
      expect(await versions({ maxCount: 0 })).toEqual([]);
    });

    it(
      'reads a 10,000-event stream page by page, never more than a page at a time',
      async () => {
        const long = freshStream();
        const total = 10_000;
        for (let from = 1; from <= total; from += 500) {
          await store.append(
            long,
            ids(long, 500, from).map((id) => event(id, { n: id })),
            from - 1,
          );
        }
        const batches: ContractBatch[] = [];
        const paged = await harness.openStore({ readBatchSize: 500, onBatch: (b) => batches.push(b) });
        try {
          let expected = 1;
          for await (const e of paged.readStream(long)) {
            if (e.version !== expected) throw new Error(`expected version ${expected}, read ${e.version}`);
            expected++;
          }
          expect(expected - 1).toBe(total);
          const reads = batches.filter((b) => b.operation === 'readStream');
          expect(reads.length).toBeGreaterThanOrEqual(total / 500);
          expect(Math.max(...reads.map((b) => b.requested))).toBeLessThanOrEqual(500);
          expect(Math.max(...reads.map((b) => b.received))).toBeLessThanOrEqual(500);

          // Stopping early reads only what was needed.
          batches.length = 0;
          let seen = 0;
          for await (const e of paged.readStream(long, { direction: 'backward' })) {
            expect(e.version).toBe(total - seen);
            if (++seen === 10) break;
          }
          expect(batches.filter((b) => b.operation === 'readStream')).toHaveLength(1);
        } finally {
          await paged.close();
        }
      },
      SLOW,
    );
  });
}
