import { ChainedEventStore, GENESIS_HASH, eventHash, verifyAll, verifyStream } from '@laurel/infra/audit';
import { ConcurrencyError, EventIdConflictError, InvalidEventPayloadError } from '@laurel/infra/event-store/errors';
import { SLOW, rejectionOf, type ContractContext, type EventStoreContractHarness } from '../contract-support';
import type { EventStore } from '@laurel/infra/event-store/port';

/** The contract's 'hash chain' feature; run by eventStoreContract (test/contract/event-store.contract.ts). */
export function hashChain(ctx: ContractContext): void {
  const { event, ids, readAllOf, settled, freshStream, freshCategory } = ctx;
  let store: EventStore;
  let harness: EventStoreContractHarness;
  beforeAll(() => {
    ({ store, harness } = ctx.opened());
  });

  describe('hash chain', () => {
    it('puts prevHash and hash on every event and verifies the stream', async () => {
      const chained = new ChainedEventStore(store);
      const stream = freshStream();
      await chained.append(stream, [event(`${stream}:1`, { nominee: 'Nguyễn Thị Ánh' })], 0);
      await chained.append(stream, [event(`${stream}:2`), event(`${stream}:3`)], 1);
      // A second chained store has no cached head: it reads the predecessor.
      await new ChainedEventStore(store).append(stream, [event(`${stream}:4`)], 3);
      const events = await readAllOf(store.readStream(stream));
      expect(events[0]!.metadata['prevHash']).toBe(GENESIS_HASH);
      for (let i = 0; i < events.length; i++) {
        expect(events[i]!.metadata['hash']).toMatch(/^[0-9a-f]{64}$/);
        if (i > 0) expect(events[i]!.metadata['prevHash']).toBe(events[i - 1]!.metadata['hash']);
      }
      expect(await verifyStream(store, stream)).toEqual({ ok: true, events: 4 });
    });

    it('keeps retries idempotent and refuses what would break the chain', async () => {
      const chained = new ChainedEventStore(store);
      const stream = freshStream();
      const batch = [event(`${stream}:1`, { a: 1 }, 'Proposed', { actor: 'u1' })];
      const first = await chained.append(stream, batch, 0);
      await chained.append(stream, [event(`${stream}:2`)], 1);
      expect(await new ChainedEventStore(store).append(stream, batch, 0)).toEqual(first);
      expect(await chained.append(stream, [event(`${stream}:2`)], 1)).toEqual(
        expect.objectContaining({ nextVersion: 2 }),
      );
      expect(await rejectionOf(chained.append(stream, [event(`${stream}:3`)], 'any'))).toMatchObject({
        code: 'chain_requires_expected_version',
      });
      expect(
        await rejectionOf(chained.append(stream, [event(`${stream}:3`, {}, 'X', { hash: 'f'.repeat(64) })], 2)),
      ).toBeInstanceOf(InvalidEventPayloadError);
      expect(await rejectionOf(chained.append(stream, [event(`${stream}:3`)], 5))).toBeInstanceOf(ConcurrencyError);
      expect(await rejectionOf(chained.append(stream, [event(`${stream}:3`)], 1))).toBeInstanceOf(ConcurrencyError);
      expect(await verifyStream(store, stream)).toEqual({ ok: true, events: 2 });
    });

    it('reports a stream without a chain', async () => {
      const stream = freshStream();
      await store.append(stream, [event(`${stream}:1`)], 0);
      expect(await verifyStream(store, stream)).toEqual({
        ok: false,
        events: 1,
        firstBroken: { version: 1, eventId: `${stream}:1`, reason: 'missing_chain' },
      });
    });

    it(
      'verifies many streams in one pass',
      async () => {
        const chained = new ChainedEventStore(store);
        const category = freshCategory('v');
        const streams = Array.from({ length: 8 }, (_, s) => `${category}-${s}`);
        for (let round = 0; round < 3; round++) {
          await Promise.all(
            streams.map((stream) => chained.append(stream, [event(`${stream}:${round + 1}`, { round })], round)),
          );
        }
        const last = await chained.append(streams[0]!, [event(`${streams[0]}:4`)], 3);
        await settled(last.position);
        const progress: number[] = [];
        const result = await verifyAll(store, {
          streamPrefixes: [category],
          onProgress: (p) => progress.push(p.events),
          progressEvery: 10,
        });
        expect(result).toMatchObject({ ok: true, events: 25, streams: 8, brokenStreams: 0, failures: [] });
        expect(progress.length).toBeGreaterThanOrEqual(2);
        expect(progress[progress.length - 1]).toBe(25);
      },
      SLOW,
    );

    it('hashes recorded_at from hash version 2 on, and still verifies version 1 events', async () => {
      if (!harness.tamperRecordedAt) return;
      const stream = freshStream();
      // An event as the chain wrote them before version 2: recorded_at outside the hash.
      const legacy = event(`${stream}:1`, { step: 1 });
      const legacyMetadata = { ...legacy.metadata, prevHash: GENESIS_HASH };
      const legacyHash = eventHash({ streamName: stream, version: 1, ...legacy, metadata: legacyMetadata });
      await store.append(stream, [{ ...legacy, metadata: { ...legacyMetadata, hash: legacyHash } }], 0);
      const chained = new ChainedEventStore(store);
      await chained.append(stream, [event(`${stream}:2`, { step: 2 })], 1);
      const last = await chained.append(stream, [event(`${stream}:3`, { step: 3 })], 2);
      await settled(last.position);
      const events = await readAllOf(store.readStream(stream));
      expect(events.map((e) => e.metadata['hashVersion'])).toEqual([undefined, 2, 2]);
      const prefix = { streamPrefixes: [stream] };
      expect(await verifyAll(store, prefix)).toMatchObject({ ok: true, events: 3, hashVersions: { 1: 1, 2: 2 } });

      await harness.tamperRecordedAt(`${stream}:2`, '2025-01-01T00:00:00.000Z');
      expect(await verifyStream(store, stream)).toEqual({
        ok: false,
        events: 3,
        firstBroken: { version: 2, eventId: `${stream}:2`, reason: 'hash_mismatch' },
      });
      expect((await verifyAll(store, prefix)).failures).toEqual([
        { streamName: stream, firstBroken: { version: 2, eventId: `${stream}:2`, reason: 'hash_mismatch' } },
      ]);
    });

    it('refuses a version 1 event after version 2 began in a stream', async () => {
      if (!harness.tamperRecordedAt) return;
      const stream = freshStream();
      const chained = new ChainedEventStore(store);
      const first = await chained.append(stream, [event(`${stream}:1`)], 0);
      const prevHash = (await readAllOf(store.readStream(stream)))[0]!.metadata['hash'] as string;
      // Rewritten as version 1, a moved recorded_at would hash again: the downgrade itself is a break.
      const downgraded = event(`${stream}:2`);
      const metadata = { ...downgraded.metadata, prevHash };
      const hash = eventHash({ streamName: stream, version: 2, ...downgraded, metadata });
      await store.append(stream, [{ ...downgraded, metadata: { ...metadata, hash } }], first.nextVersion);
      expect(await verifyStream(store, stream)).toEqual({
        ok: false,
        events: 2,
        firstBroken: { version: 2, eventId: `${stream}:2`, reason: 'hash_version_downgrade' },
      });
    });

    it('keeps a retry with a later clock idempotent', async () => {
      const stream = freshStream();
      const batch = [event(`${stream}:1`, { a: 1 }), event(`${stream}:2`, { a: 2 })];
      const first = await new ChainedEventStore(store, { clock: () => new Date('2026-01-01T00:00:00.000Z') }).append(
        stream,
        batch,
        0,
      );
      const later = new ChainedEventStore(store, { clock: () => new Date('2026-01-01T00:01:00.000Z') });
      expect(await later.append(stream, batch, 0)).toEqual(first);
      expect(await rejectionOf(later.append(stream, [event(`${stream}:1`, { a: 9 })], 0))).toBeInstanceOf(
        EventIdConflictError,
      );
      expect(await verifyStream(store, stream)).toEqual({ ok: true, events: 2 });
    });

    it(
      'detects an event changed behind the store’s back',
      async () => {
        if (!harness.tamperEventData) return;
        const chained = new ChainedEventStore(store);
        const category = freshCategory('x');
        const streams = Array.from({ length: 5 }, (_, s) => `${category}-${s}`);
        for (const stream of streams) {
          await chained.append(
            stream,
            ids(stream, 3).map((id, i) => event(id, { step: i + 1, by: 'Văn phòng Tỉnh ủy' })),
            0,
          );
        }
        const victim = streams[2]!;
        const last = await chained.append(victim, [event(`${victim}-4`)], 3);
        await settled(last.position);
        expect((await verifyAll(store, { streamPrefixes: [category] })).ok).toBe(true);

        await harness.tamperEventData(`${victim}-2`, { step: 2, by: 'Văn phòng Tỉnh ủy', approved: true });
        expect(await verifyStream(store, victim)).toEqual({
          ok: false,
          events: 4,
          firstBroken: { version: 2, eventId: `${victim}-2`, reason: 'hash_mismatch' },
        });
        expect(await verifyStream(store, streams[1]!)).toEqual({ ok: true, events: 3 });
        const result = await verifyAll(store, { streamPrefixes: [category] });
        expect(result).toMatchObject({ ok: false, events: 16, streams: 5, brokenStreams: 1 });
        expect(result.failures).toEqual([
          { streamName: victim, firstBroken: { version: 2, eventId: `${victim}-2`, reason: 'hash_mismatch' } },
        ]);
      },
      SLOW,
    );
  });
}
