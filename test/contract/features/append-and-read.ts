import { comparePositions, formatPosition, parsePosition, type EventStore } from '@laurel/infra/event-store/port';
import { type ContractContext } from '../contract-support';

/** The contract's 'append and read' feature; run by eventStoreContract (test/contract/event-store.contract.ts). */
export function appendAndRead(ctx: ContractContext): void {
  const { event, readAllOf, freshStream } = ctx;
  let store: EventStore;
  beforeAll(() => {
    ({ store } = ctx.opened());
  });

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
}
