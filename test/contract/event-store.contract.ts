import { randomBytes } from 'node:crypto';
import { ChainedEventStore, GENESIS_HASH, eventHash, verifyAll, verifyStream } from '@laurel/infra/audit';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  EmptyAppendError,
  EventIdConflictError,
  EventTooLargeError,
  InvalidEventError,
  InvalidEventIdError,
  InvalidEventPayloadError,
  InvalidEventTypeError,
  InvalidExpectedVersionError,
  InvalidReadOptionsError,
  InvalidStreamNameError,
  type EventStoreError,
} from '@laurel/infra/event-store/errors';
import {
  START,
  comparePositions,
  formatPosition,
  parsePosition,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type JsonObject,
  type Position,
  type ReadAllOptions,
  type RecordedEvent,
  type Subscription,
} from '@laurel/infra/event-store/port';

/** A page read by an adapter, as reported by its `onBatch` hook. */
export interface ContractBatch {
  readonly operation: string;
  readonly requested: number;
  readonly received: number;
}

export interface ContractStoreOptions {
  readonly readBatchSize?: number;
  readonly onBatch?: (batch: ContractBatch) => void;
}

/** What a spec file provides for its adapter. */
export interface EventStoreContractHarness {
  /** Opens a store over the spec file's backend; tests may open several and close them. */
  openStore(options?: ContractStoreOptions): Promise<EventStore>;
  /** Event ids are unique in the whole store (SQL), not only within a stream (KurrentDB). */
  readonly eventIdsUniqueAcrossStreams: boolean;
  /** Rewrites a stored event's data behind the store's back — only where the backend allows it. */
  tamperEventData?(eventId: string, data: JsonObject): Promise<void>;
  /** Moves a stored event's `recorded_at` behind the store's back — only where the backend allows it. */
  tamperRecordedAt?(eventId: string, recordedAt: string): Promise<void>;
  dispose(): Promise<void>;
}

type Describe = (name: string, fn: () => void) => void;

const SLOW = 60_000;

/**
 * The one event store feature suite: every adapter runs it. Tests share one
 * backend per spec file, so each uses fresh stream names (and, for whole-log
 * reads, a fresh category filtered by prefix).
 */
export function eventStoreContract(
  name: string,
  setup: () => Promise<EventStoreContractHarness>,
  options: { readonly describe?: Describe } = {},
): void {
  const describeSuite = options.describe ?? describe;

  describeSuite(`event store contract: ${name}`, () => {
    let harness: EventStoreContractHarness;
    let store: EventStore;
    const run = randomBytes(3).toString('hex');
    let counter = 0;
    /** A category no other test (or earlier run on a shared server) uses. */
    const freshCategory = (label = 'c'): string => `${label}${run}x${++counter}`;
    const freshStream = (category = 'nomination'): string => `${category}-${run}_${++counter}`;

    beforeAll(async () => {
      harness = await setup();
      store = await harness.openStore();
    }, SLOW);

    afterAll(async () => {
      await store?.close();
      await harness?.dispose();
    }, SLOW);

    const event = (
      id: string,
      data: JsonObject = {},
      type = 'SomethingHappened',
      metadata: JsonObject = {},
    ): EventToAppend => ({
      id,
      type,
      data,
      metadata,
    });
    const ids = (prefix: string, count: number, from = 1): string[] =>
      Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);
    const readAllOf = async (iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
      const out: RecordedEvent[] = [];
      for await (const e of iterable) out.push(e);
      return out;
    };
    /** Resolves once every event up to `position` is settled (visible to whole-log readers). */
    const settled = async (position: Position): Promise<void> => {
      await eventually(async () => comparePositions(await store.headPosition(), position) >= 0);
    };

    describe('append and read', () => {
      it('round-trips events, Vietnamese text exactly, with versions from 1', async () => {
        const stream = freshStream();
        const data = {
          nominee: 'Nguyễn Thị Ánh',
          unit: 'Văn phòng Tỉnh ủy',
          nested: { list: [1, 2.5, -3, true, false, null, 'Đồng Tháp'], empty: {} },
        };
        const metadata = { actor: { user: 'Trần Văn Bình', role: 'unit_head' }, schemaVersion: 1 };
        const decomposed = 'Nguyễn Thị Ánh'.normalize('NFD');
        const result = await store.append(
          stream,
          [
            event(`${stream}:1`, data, 'NominationProposed', metadata),
            event(`${stream}:2`, { note: decomposed }, 'Noted.V2', {}),
          ],
          0,
        );
        expect(result.nextVersion).toBe(2);

        const events = await readAllOf(store.readStream(stream));
        expect(events.map((e) => [e.streamName, e.version, e.id, e.type])).toEqual([
          [stream, 1, `${stream}:1`, 'NominationProposed'],
          [stream, 2, `${stream}:2`, 'Noted.V2'],
        ]);
        expect(events[0]!.data).toEqual(data);
        expect(events[0]!.metadata).toEqual(metadata);
        expect(events[0]!.data['nominee']).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
        expect(events[0]!.data['unit']).toBe('Văn phòng Tỉnh ủy');
        // The store keeps text as given: normalising is the API's job, not the store's.
        expect(events[1]!.data['note']).toBe(decomposed);
        expect(comparePositions(events[0]!.position, events[1]!.position)).toBe(-1);
        expect(comparePositions(events[1]!.position, result.position)).toBe(0);
        expect(Number.isNaN(Date.parse(events[0]!.recordedAt))).toBe(false);
        expect(parsePosition(formatPosition(result.position))).toEqual(result.position);
      });

      it('numbers versions 1..n across appends and reports the stream version', async () => {
        const stream = freshStream();
        expect(await store.streamVersion(stream)).toBe(0);
        expect((await store.append(stream, [event(`${stream}:a`)], 0)).nextVersion).toBe(1);
        expect((await store.append(stream, [event(`${stream}:b`), event(`${stream}:c`)], 1)).nextVersion).toBe(3);
        expect((await store.append(stream, [event(`${stream}:d`)], 3)).nextVersion).toBe(4);
        expect(await store.streamVersion(stream)).toBe(4);
        const events = await readAllOf(store.readStream(stream));
        expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4]);
        expect(events.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd'].map((s) => `${stream}:${s}`));
      });

      it('reads nothing from an absent stream', async () => {
        const stream = freshStream();
        expect(await readAllOf(store.readStream(stream))).toEqual([]);
        expect(await readAllOf(store.readStream(stream, { direction: 'backward' }))).toEqual([]);
      });
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

    describe('bad input writes nothing', () => {
      let stream: string;
      let original: RecordedEvent[];
      beforeAll(async () => {
        stream = freshStream();
        await store.append(stream, [event(`${stream}:1`, { ok: true })], 0);
        original = await readAllOf(store.readStream(stream));
      });
      const unchanged = async (): Promise<void> => {
        expect(await readAllOf(store.readStream(stream))).toEqual(original);
      };
      const rejects = async (
        promise: Promise<unknown>,
        errorClass: abstract new (...args: never[]) => EventStoreError,
        code: string,
      ): Promise<void> => {
        const error = await rejectionOf(promise);
        expect(error).toBeInstanceOf(errorClass);
        expect((error as EventStoreError).code).toBe(code);
        await unchanged();
      };
      const valid = (): EventToAppend => event(`${stream}:${randomBytes(4).toString('hex')}`);
      const withData = (data: unknown): EventToAppend => ({ ...valid(), data: data as JsonObject });
      const withMetadata = (metadata: unknown): EventToAppend => ({ ...valid(), metadata: metadata as JsonObject });
      const cyclic = (): JsonObject => {
        const value: Record<string, unknown> = { a: 1 };
        value['self'] = value;
        return value as JsonObject;
      };
      class Nominee {
        name = 'Ánh';
      }

      it.each([
        ['empty', ''],
        ['no id part', 'nomination'],
        ['empty id part', 'nomination-'],
        ['upper-case category', 'Nomination-1'],
        ['category starting with a digit', '1nomination-1'],
        ['space in id', 'nomination-a b'],
        ['slash in id', 'nomination-a/b'],
        ['non-ASCII id', 'nomination-Ánh'],
        ['too long', `nomination-${'x'.repeat(200)}`],
        ['not a string', 42],
        ['undefined', undefined],
      ])('refuses a stream name that is %s', async (_label, name) => {
        const error = await rejectionOf(store.append(name as string, [valid()], 0));
        expect(error).toBeInstanceOf(InvalidStreamNameError);
        expect((error as EventStoreError).code).toBe('invalid_stream_name');
      });

      it.each([
        ['negative', -1],
        ['fractional', 1.5],
        ['NaN', Number.NaN],
        ['infinite', Number.POSITIVE_INFINITY],
        ['a numeric string', '1'],
        ['null', null],
        ['undefined', undefined],
      ])('refuses an expected version that is %s', async (_label, expected) => {
        await rejects(
          store.append(stream, [valid()], expected as ExpectedVersion),
          InvalidExpectedVersionError,
          'invalid_expected_version',
        );
      });

      it('refuses bad read options', async () => {
        const read = (options: Parameters<EventStore['readStream']>[1]) => readAllOf(store.readStream(stream, options));
        for (const options of [{ fromVersion: -1 }, { fromVersion: 1.5 }, { maxCount: -1 }, { maxCount: Number.NaN }]) {
          const error = await rejectionOf(read(options));
          expect(error).toBeInstanceOf(InvalidReadOptionsError);
          expect((error as EventStoreError).code).toBe('invalid_read_options');
        }
        expect(await rejectionOf(readAllOf(store.readAll({ streamPrefixes: [] })))).toBeInstanceOf(
          InvalidReadOptionsError,
        );
        expect(await rejectionOf(readAllOf(store.readStream('not a stream')))).toBeInstanceOf(InvalidStreamNameError);
      });

      it('refuses an empty event list', async () => {
        await rejects(store.append(stream, [], 1), EmptyAppendError, 'empty_append');
      });

      it('refuses a batch that is not an array of event objects', async () => {
        await rejects(
          store.append(stream, 'events' as unknown as EventToAppend[], 1),
          InvalidEventError,
          'invalid_event',
        );
        await rejects(store.append(stream, [null as unknown as EventToAppend], 1), InvalidEventError, 'invalid_event');
      });

      it.each([
        ['empty', ''],
        ['not a string', 7],
        ['missing', undefined],
        ['too long', 'x'.repeat(101)],
        ['padded with spaces', ' abc '],
        ['holding NUL', 'a\u0000b'],
      ])('refuses an event id that is %s', async (_label, id) => {
        await rejects(
          store.append(stream, [{ ...valid(), id: id as string }], 1),
          InvalidEventIdError,
          'invalid_event_id',
        );
      });

      it('refuses a duplicate id within one batch', async () => {
        const e = valid();
        await rejects(
          store.append(stream, [e, { ...e, data: { other: 1 } }], 1),
          DuplicateEventIdError,
          'duplicate_event_id',
        );
      });

      it.each([
        ['empty', ''],
        ['starting with a digit', '1Proposed'],
        ['with a space', 'Nomination Proposed'],
        ['with a dash', 'nomination-proposed'],
        ['not a string', 3],
        ['missing', undefined],
      ])('refuses an event type that is %s', async (_label, type) => {
        await rejects(
          store.append(stream, [{ ...valid(), type: type as string }], 1),
          InvalidEventTypeError,
          'invalid_event_type',
        );
      });

      it.each<[string, () => unknown]>([
        ['null', () => null],
        ['an array', () => [1, 2]],
        ['a string', () => 'text'],
        ['missing', () => undefined],
        ['a function', () => () => 1],
        ['a Date', () => new Date()],
        ['a Map', () => new Map([['a', 1]])],
        ['a class instance', () => new Nominee()],
        ['holding undefined', () => ({ a: undefined })],
        ['holding a function', () => ({ a: () => 1 })],
        ['holding a BigInt', () => ({ a: 10n })],
        ['holding NaN', () => ({ a: Number.NaN })],
        ['holding Infinity', () => ({ a: Number.NEGATIVE_INFINITY })],
        ['holding a symbol', () => ({ a: Symbol('x') })],
        ['holding a nested Date', () => ({ at: { when: new Date() } })],
        ['holding a Set in an array', () => ({ list: [1, new Set([1])] })],
        [
          'holding a sparse array',
          () => {
            const list: number[] = [1];
            list[2] = 3;
            return { list };
          },
        ],
        ['cyclic', cyclic],
        ['holding NUL text', () => ({ text: 'a\u0000b' })],
        ['holding a lone surrogate', () => ({ text: 'a\ud800b' })],
      ])('refuses data that is %s', async (_label, make) => {
        await rejects(store.append(stream, [withData(make())], 1), InvalidEventPayloadError, 'invalid_event_payload');
      });

      it.each<[string, () => unknown]>([
        ['null', () => null],
        ['an array', () => []],
        ['a Date', () => new Date()],
        ['holding a BigInt', () => ({ actor: { id: 1n } })],
        ['holding undefined', () => ({ causationId: undefined })],
        ['cyclic', cyclic],
      ])('refuses metadata that is %s', async (_label, make) => {
        await rejects(
          store.append(stream, [withMetadata(make())], 1),
          InvalidEventPayloadError,
          'invalid_event_payload',
        );
      });

      it('refuses an event larger than the limit, even inside a batch of good ones', async () => {
        await rejects(
          store.append(stream, [valid(), withData({ blob: 'x'.repeat(257 * 1024) })], 1),
          EventTooLargeError,
          'event_too_large',
        );
        await rejects(
          store.append(stream, [withData({ blob: 'ệ'.repeat(90 * 1024) })], 1),
          EventTooLargeError,
          'event_too_large',
        );
      });

      it('refuses a bad event in the middle of a batch without writing the good ones', async () => {
        await rejects(
          store.append(stream, [valid(), withData({ a: 1n }), valid()], 1),
          InvalidEventPayloadError,
          'invalid_event_payload',
        );
      });

      it('accepts an event just under the limit, and objects without a prototype', async () => {
        const other = freshStream();
        const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 }) as JsonObject;
        await store.append(
          other,
          [{ ...event(`${other}:1`, { blob: 'x'.repeat(200 * 1024) }) }, event(`${other}:2`, bare)],
          0,
        );
        const events = await readAllOf(store.readStream(other));
        expect(events.map((e) => e.version)).toEqual([1, 2]);
        expect(events[1]!.data).toEqual({ a: 1 });
      });
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

    describe('subscriptions', () => {
      const collect = (
        target: EventStore,
        options: { after?: Position; streamPrefixes: readonly string[] },
      ): { events: RecordedEvent[]; caughtUp: Position[]; errors: unknown[]; subscription: Subscription } => {
        const events: RecordedEvent[] = [];
        const caughtUp: Position[] = [];
        const errors: unknown[] = [];
        const subscription = target.subscribe({
          ...options,
          onEvent: (e) => {
            events.push(e);
          },
          onCaughtUp: (p) => caughtUp.push(p),
          onError: (e) => errors.push(e),
        });
        return { events, caughtUp, errors, subscription };
      };

      it(
        'catches up, then follows live appends in order',
        async () => {
          const category = freshCategory('s');
          const stream = `${category}-1`;
          await store.append(
            stream,
            ids(stream, 3).map((id) => event(id)),
            0,
          );
          const sub = collect(store, { streamPrefixes: [category] });
          try {
            await eventually(() => sub.events.length === 3 && sub.caughtUp.length > 0);
            await store.append(
              stream,
              ids(stream, 2, 4).map((id) => event(id)),
              3,
            );
            await store.append(`${category}-2`, [event(`${category}-2:1`)], 0);
            await eventually(() => sub.events.length === 6);
            expect(sub.events.map((e) => e.id)).toEqual([...ids(stream, 5), `${category}-2:1`]);
            expect(sub.errors).toEqual([]);
          } finally {
            await sub.subscription.stop();
          }
        },
        SLOW,
      );

      it(
        'resumes from a checkpoint without duplicates',
        async () => {
          const category = freshCategory('r');
          const stream = `${category}-1`;
          await store.append(
            stream,
            ids(stream, 5).map((id) => event(id)),
            0,
          );
          const first = collect(store, { streamPrefixes: [category] });
          await eventually(() => first.events.length === 5);
          await first.subscription.stop();
          const checkpoint = first.events[2]!.position;

          await store.append(
            stream,
            ids(stream, 2, 6).map((id) => event(id)),
            5,
          );
          const resumed = collect(store, { streamPrefixes: [category], after: checkpoint });
          try {
            await eventually(() => resumed.events.length >= 4);
            await store.append(stream, [event(`${stream}-8`)], 7);
            await eventually(() => resumed.events.length >= 5);
            await sleep(200);
            expect(resumed.events.map((e) => e.version)).toEqual([4, 5, 6, 7, 8]);
          } finally {
            await resumed.subscription.stop();
          }
        },
        SLOW,
      );

      it(
        'delivers concurrent appends to many streams in position order, none missing, none twice',
        async () => {
          const category = freshCategory('m');
          const sub = collect(store, { streamPrefixes: [category] });
          try {
            await eventually(() => sub.caughtUp.length > 0);
            const streams = 12;
            const perStream = 15;
            await Promise.all(
              Array.from({ length: streams }, async (_, s) => {
                const stream = `${category}-${s}`;
                for (let v = 0; v < perStream; v++) {
                  await store.append(stream, [event(`${stream}:${v + 1}`, { s, v })], v);
                }
              }),
            );
            await eventually(() => sub.events.length >= streams * perStream, 30_000);
            await sleep(200);
            expect(sub.events).toHaveLength(streams * perStream);
            expect(new Set(sub.events.map((e) => e.id)).size).toBe(streams * perStream);
            for (let i = 1; i < sub.events.length; i++) {
              expect(comparePositions(sub.events[i - 1]!.position, sub.events[i]!.position)).toBe(-1);
            }
            const lastVersion = new Map<string, number>();
            for (const e of sub.events) {
              expect(e.version).toBe((lastVersion.get(e.streamName) ?? 0) + 1);
              lastVersion.set(e.streamName, e.version);
            }
            // Whatever a subscription delivered, a later readAll returns in the same order.
            const reread = await readAllOf(store.readAll({ streamPrefixes: [category] }));
            expect(reread.map((e) => e.id)).toEqual(sub.events.map((e) => e.id));
          } finally {
            await sub.subscription.stop();
          }
        },
        SLOW,
      );

      it(
        'stops cleanly: no event after stop() resolves, and a failing handler stops with onError',
        async () => {
          const category = freshCategory('t');
          const stream = `${category}-1`;
          await store.append(stream, [event(`${stream}:1`)], 0);
          const sub = collect(store, { streamPrefixes: [category] });
          await eventually(() => sub.events.length === 1);
          await sub.subscription.stop();
          await store.append(stream, [event(`${stream}:2`)], 1);
          await sleep(300);
          expect(sub.events).toHaveLength(1);
          await sub.subscription.stop();

          const errors: unknown[] = [];
          const delivered: string[] = [];
          let inFlight = 0;
          const failing = store.subscribe({
            streamPrefixes: [category],
            onEvent: async (e) => {
              inFlight++;
              await sleep(20);
              inFlight--;
              delivered.push(e.id);
              if (e.version === 1) throw new Error('projection failed');
            },
            onError: (e) => errors.push(e),
          });
          await eventually(() => errors.length === 1);
          await failing.stop();
          expect(inFlight).toBe(0);
          expect(delivered).toEqual([`${stream}:1`]);
          expect((errors[0] as Error).message).toBe('projection failed');
        },
        SLOW,
      );
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
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds; fails with a timeout otherwise. */
async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
