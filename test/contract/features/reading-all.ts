import {
  START,
  comparePositions,
  settleAppendsSoFar,
  type ReadAllOptions,
  type EventStore,
} from '@laurel/infra/event-store/port';
import { SLOW, type ContractBatch, type ContractContext, type EventStoreContractHarness } from '../contract-support';

/** The contract's 'reading all streams' feature; run by eventStoreContract (test/contract/event-store.contract.ts). */
export function readingAllStreams(ctx: ContractContext): void {
  const { event, ids, readAllOf, settled, freshStream, freshCategory } = ctx;
  let store: EventStore;
  let harness: EventStoreContractHarness;
  beforeAll(() => {
    ({ store, harness } = ctx.opened());
  });

  describe('reading all streams', () => {
    it('reads in position order after a position, filtered by stream prefix', async () => {
      const categoryA = freshCategory('a');
      const categoryB = freshCategory('b');
      const streamA = `${categoryA}-1`;
      const streamB = `${categoryB}-1`;
      const first = await store.append(streamA, [event(`${streamA}:1`), event(`${streamA}:2`)], 0);
      await store.append(streamB, [event(`${streamB}:1`)], 0);
      const last = await store.append(streamA, [event(`${streamA}:3`)], 2);
      await settled(last.position);

      const read = async (options: ReadAllOptions): Promise<string[]> =>
        (await readAllOf(store.readAll(options))).map((e) => e.id);
      expect(await read({ streamPrefixes: [categoryA] })).toEqual([`${streamA}:1`, `${streamA}:2`, `${streamA}:3`]);
      expect(await read({ streamPrefixes: [categoryA, categoryB] })).toEqual([
        `${streamA}:1`,
        `${streamA}:2`,
        `${streamB}:1`,
        `${streamA}:3`,
      ]);
      expect(await read({ streamPrefixes: [`${categoryA}-`, `${categoryB}-`], after: first.position })).toEqual([
        `${streamB}:1`,
        `${streamA}:3`,
      ]);
      expect(await read({ streamPrefixes: [categoryA, categoryB], maxCount: 2 })).toEqual([
        `${streamA}:1`,
        `${streamA}:2`,
      ]);
      expect(await read({ after: last.position, streamPrefixes: [categoryA] })).toEqual([]);

      const everything = await readAllOf(store.readAll({ after: first.position }));
      expect(everything.map((e) => e.id)).toEqual(expect.arrayContaining([`${streamB}:1`, `${streamA}:3`]));
      for (let i = 1; i < everything.length; i++) {
        expect(comparePositions(everything[i - 1]!.position, everything[i]!.position)).toBe(-1);
      }
    });

    it('reports the head position', async () => {
      const stream = freshStream();
      const result = await store.append(stream, [event(`${stream}:1`)], 0);
      await settled(result.position);
      expect(comparePositions(await store.headPosition(), START)).toBe(1);
      expect(comparePositions(await store.headPosition(), result.position)).toBeGreaterThanOrEqual(0);
    });

    it('keeps every appended position below its ceiling, at once, without waiting for it to settle', async () => {
      const stream = freshStream();
      const first = await store.append(stream, [event(`${stream}:1`)], 0);
      expect(comparePositions(first.position, await store.positionCeiling())).toBe(-1);
      const second = await store.append(stream, [event(`${stream}:2`)], 1);
      const ceiling = await store.positionCeiling();
      expect(comparePositions(second.position, ceiling)).toBe(-1);
      expect(comparePositions({ commit: ceiling.commit + 1_000_000n, prepare: 0n }, ceiling)).toBe(1);
    });

    it('says when everything appended before a ceiling has settled, and waits for a writer still running', async () => {
      expect(await store.settledBelow(START)).toBe(true);
      const stream = freshStream();
      const held = await harness.holdTransaction?.();
      try {
        await store.append(stream, [event(`${stream}:1`)], 0);
        const ceiling = await store.positionCeiling();
        // A transaction that began before the ceiling and has not ended: the log may still gain an event below it.
        expect(await store.settledBelow(ceiling)).toBe(held === undefined);
        // Waiting for it gives up at its time limit, or at once when asked to stop.
        expect(await settleAppendsSoFar(store, 100)).toBe(held === undefined);
        expect(await settleAppendsSoFar(store, 60_000, { signal: AbortSignal.abort() })).toBe(held === undefined);
        await held?.release();
        expect(await settleAppendsSoFar(store, 10_000)).toBe(true);
        expect(await store.settledBelow(ceiling)).toBe(true);
        const everything = await readAllOf(store.readAll({ streamPrefixes: [stream] }));
        expect(everything.map((e) => e.id)).toEqual([`${stream}:1`]);
      } finally {
        await held?.release();
      }
    });

    it(
      'pages through the log without asking for more than a page',
      async () => {
        const category = freshCategory('p');
        const stream = `${category}-1`;
        const last = await store.append(
          stream,
          ids(stream, 1200).map((id) => event(id)),
          0,
        );
        await settled(last.position);
        const batches: ContractBatch[] = [];
        const paged = await harness.openStore({ readBatchSize: 100, onBatch: (b) => batches.push(b) });
        try {
          const events = await readAllOf(paged.readAll({ streamPrefixes: [category] }));
          expect(events.map((e) => e.version)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
          const reads = batches.filter((b) => b.operation === 'readAll');
          expect(reads.length).toBeGreaterThanOrEqual(12);
          expect(Math.max(...reads.map((b) => b.requested))).toBeLessThanOrEqual(100);
        } finally {
          await paged.close();
        }
      },
      SLOW,
    );
  });
}
