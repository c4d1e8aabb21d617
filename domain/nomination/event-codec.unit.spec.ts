import { actors, at, historyIn, NOMINATION_ID, pathTo, policy } from '../testing/fixtures';
import { history } from '../testing/given-when-then';
import {
  decodeNominationEvent,
  encodeNominationEvent,
  EVENT_SCHEMA_VERSION,
  EVENT_SHAPES,
  nominationIdOfStream,
  nominationIdOfWorkflow,
  nominationStreamName,
  nominationWorkflowId,
  readEnvelope,
  StoredEventError,
  toNominationEvent,
  upcastMetadata,
} from './event-codec';
import { NominationEventType, type NominationEvent } from './events';
import { fold } from './evolve';

/** What a store hands back: plain JSON, after a round trip. */
function stored(event: NominationEvent, metadata: Record<string, unknown> = { schemaVersion: 1, hashVersion: 2 }) {
  const { type, data } = JSON.parse(JSON.stringify(encodeNominationEvent(event))) as { type: string; data: unknown };
  return { type, data, metadata };
}

/** Histories that between them write every type the decider writes but DocumentIssued. */
const histories: NominationEvent[][] = [
  history(policy, pathTo('Awarded')),
  history(policy, [
    ...historyIn('AwaitingSupplement'),
    {
      type: 'ProvideSupplement',
      nominationId: NOMINATION_ID,
      actor: actors.officer,
      at: at(31),
      evidence: [{ documentId: 'doc-x', title: 'Biên bản', kind: 'other', sizeBytes: 10, sha256: 'a'.repeat(64) }],
    },
  ]),
  history(policy, [
    ...historyIn('OnHold'),
    { type: 'ReleaseHold', nominationId: NOMINATION_ID, actor: actors.board, at: at(4), reason: 'Đã xong' },
    { type: 'WithdrawNomination', nominationId: NOMINATION_ID, actor: actors.head, at: at(5), reason: 'Rút' },
  ]),
];

describe('the stored-event codec', () => {
  it('has a shape for every stored event type', () => {
    expect(Object.keys(EVENT_SHAPES).sort()).toEqual(Object.keys(NominationEventType).sort());
  });

  it('reads back every event the decider writes, and folds to the same state', () => {
    for (const events of histories) {
      const read = events.map((e) => toNominationEvent(stored(e)));
      expect(read).toEqual(JSON.parse(JSON.stringify(events)));
      expect(fold(read)).toEqual(fold(events));
    }
  });

  it('writes today’s schema version', () => {
    const [drafted] = histories[0]!;
    expect(encodeNominationEvent(drafted!)).toMatchObject({
      type: 'NominationDrafted',
      schemaVersion: EVENT_SCHEMA_VERSION,
    });
  });

  it('names an unknown type, a future version and damaged data, and never folds them', () => {
    const [drafted] = histories[0]!;
    expect(decodeNominationEvent({ type: 'SomethingNew', data: {} })).toMatchObject({
      ok: false,
      reason: 'unknown_type',
    });
    expect(decodeNominationEvent({ ...stored(drafted!), metadata: { schemaVersion: 2 } })).toMatchObject({
      ok: false,
      reason: 'unknown_version',
    });
    const { awardType: _gone, ...damaged } = (drafted as Extract<NominationEvent, { type: 'NominationDrafted' }>).data;
    const decoded = decodeNominationEvent({ type: 'NominationDrafted', data: { ...damaged, campaignYear: '2024' } });
    expect(decoded).toMatchObject({
      ok: false,
      reason: 'invalid',
      problems: [
        { field: 'data.awardType', message: 'is missing' },
        { field: 'data.campaignYear', message: 'must be a number' },
      ],
    });
    expect(
      decodeNominationEvent({ type: 'ReminderDue', data: { stage: 'BlockVote', deadline: 'soon', at: at(1), by: {} } }),
    ).toMatchObject({
      ok: false,
      problems: [
        { field: 'data.deadline', message: 'must be an ISO instant' },
        { field: 'data.by.userId', message: 'must be a string' },
      ],
    });
    expect(() => toNominationEvent({ type: 'NominationDrafted', data: null })).toThrow(StoredEventError);
  });
});

describe('upcasting the envelope', () => {
  // An event as the hash chain stored it before hash version 2 (infra/audit/hash.ts): no
  // `hashVersion` in its metadata. The recorded shape of the first stored events, unchanged.
  const hashVersion1 = {
    type: 'BlockVoteCast',
    data: {
      unitId: 'unit-propaganda',
      choice: 'approve',
      policy: { id: 'lao-cai', version: 1 },
      at: '2024-12-02T04:00:00.000Z',
      by: {
        userId: 'u-head-unit-propaganda',
        role: 'unit_head',
        unitId: 'unit-propaganda',
        blockId: 'block-party-agencies',
      },
    },
    metadata: {
      actor: {
        userId: 'u-head-unit-propaganda',
        role: 'unit_head',
        unitId: 'unit-propaganda',
        blockId: 'block-party-agencies',
      },
      workflowId: 'nomination-nom-2024-0001',
      runId: '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
      causationId: 'CastBlockVote:u-head-unit-propaganda:k1',
      correlationId: 'nom-2024-0001',
      schemaVersion: 1,
      prevHash: 'b'.repeat(64),
      hash: 'c'.repeat(64),
    },
  };

  it('reads an event from before hash version 2 as hash version 1, data unchanged', () => {
    expect(readEnvelope(hashVersion1.metadata)).toEqual({ schemaVersion: 1, hashVersion: 1 });
    expect(upcastMetadata(hashVersion1.metadata)).toEqual({ ...hashVersion1.metadata, hashVersion: 1 });
    const decoded = decodeNominationEvent(hashVersion1);
    expect(decoded).toMatchObject({
      ok: true,
      envelope: { hashVersion: 1 },
      event: { type: 'BlockVoteCast', data: hashVersion1.data },
    });
  });

  it('reads metadata without a schema version as version 1, and keeps the versions it names', () => {
    expect(readEnvelope({})).toEqual({ schemaVersion: 1, hashVersion: 1 });
    expect(readEnvelope(undefined)).toEqual({ schemaVersion: 1, hashVersion: 1 });
    expect(readEnvelope({ schemaVersion: 1, hashVersion: 2 })).toEqual({ schemaVersion: 1, hashVersion: 2 });
    expect(readEnvelope({ hashVersion: 3 }).hashVersion).toBeUndefined();
    expect(readEnvelope({ hashVersion: '2' }).hashVersion).toBeUndefined();
  });
});

describe('stream and workflow ids', () => {
  it('are nomination-<id>, and read back to the id', () => {
    expect(nominationStreamName('nom-1')).toBe('nomination-nom-1');
    expect(nominationWorkflowId('nom-1')).toBe('nomination-nom-1');
    expect(nominationIdOfStream('nomination-nom-1')).toBe('nom-1');
    expect(nominationIdOfWorkflow('nomination-nom-1')).toBe('nom-1');
    expect(nominationIdOfStream('achievement-abc')).toBeUndefined();
    expect(nominationIdOfWorkflow('campaign-2024')).toBeUndefined();
  });
});
