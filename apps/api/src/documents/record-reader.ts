import type { NominationEvent } from '@laurel/domain';
import { recordOf, type DocumentNames } from '@laurel/infra/documents';
import type { Directory } from '@laurel/infra/directory';
import type { Stores } from '@laurel/infra/runtime/stores';
import { nominationStreamName } from '@laurel/workflows/nomination/messages';

/** One nomination's record, read from its stream (the record itself, never a read model of it). */
export async function readRecord(stores: Stores, nominationId: string) {
  const events: NominationEvent[] = [];
  for await (const e of stores.events.readStream(nominationStreamName(nominationId))) {
    events.push({ type: e.type, data: e.data } as unknown as NominationEvent);
  }
  return { nominationId, ...recordOf(events) };
}

/** The directory's names as documents print them; an unknown id prints as itself. */
export function documentNames(directory: Directory): DocumentNames {
  return {
    province: (id) => directory.province(id)?.name ?? id,
    unit: (id) => directory.unit(id)?.name ?? id,
    block: (id) => directory.block(id)?.name ?? id,
    person: (id) => directory.findUser(id)?.displayName ?? id,
  };
}
