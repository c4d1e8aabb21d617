import {
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '@laurel/infra/event-store/port';
import { SLOW, sleep, eventually, type ContractContext } from '../contract-support';

/** The contract's 'subscriptions' feature; run by eventStoreContract (test/contract/event-store.contract.ts). */
export function subscriptions(ctx: ContractContext): void {
  const { event, ids, readAllOf, freshCategory } = ctx;
  let store: EventStore;
  beforeAll(() => {
    ({ store } = ctx.opened());
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
}
