import { KurrentDbEventStore } from '@laurel/infra/event-store/kurrentdb/kurrentdb-event-store';
import { eventStoreContract } from './event-store.contract';

const url = process.env['KURRENTDB_URL']?.trim();

if (!url) process.stdout.write('kurrentdb contract suite skipped: KURRENTDB_URL is not set\n');

// KurrentDB keeps everything: tests rely on fresh stream names and categories,
// and there is no tampering case (the log cannot be edited behind the store's back).
eventStoreContract(
  'kurrentdb',
  async () => ({
    eventIdsUniqueAcrossStreams: false,
    openStore: async (options = {}) => KurrentDbEventStore.connect(url!, options),
    dispose: async () => undefined,
  }),
  { describe: url ? describe : describe.skip },
);
