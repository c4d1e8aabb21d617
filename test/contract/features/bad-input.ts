import { randomBytes } from 'node:crypto';
import {
  DuplicateEventIdError,
  EmptyAppendError,
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
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type JsonObject,
  type RecordedEvent,
} from '@laurel/infra/event-store/port';
import { DEFAULT_MAX_EVENT_BYTES } from '@laurel/infra/event-store/validation';
import { rejectionOf, type ContractContext } from '../contract-support';

/** The contract's 'bad input writes nothing' feature; run by eventStoreContract (test/contract/event-store.contract.ts). */
export function badInputWritesNothing(ctx: ContractContext): void {
  const { event, readAllOf, freshStream } = ctx;
  let store: EventStore;
  beforeAll(() => {
    ({ store } = ctx.opened());
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
      await rejects(store.append(stream, [withMetadata(make())], 1), InvalidEventPayloadError, 'invalid_event_payload');
    });

    it('refuses an event larger than the limit, even inside a batch of good ones', async () => {
      await rejects(
        store.append(stream, [valid(), withData({ blob: 'x'.repeat(DEFAULT_MAX_EVENT_BYTES + 1024) })], 1),
        EventTooLargeError,
        'event_too_large',
      );
      await rejects(
        store.append(stream, [withData({ blob: 'ệ'.repeat(Math.ceil(DEFAULT_MAX_EVENT_BYTES / 3) + 1024) })], 1),
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
}
