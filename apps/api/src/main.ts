import { loadConfig } from '@laurel/infra/config/config';
import { privateFileCreation } from '@laurel/infra/runtime/data-folder';
import { openStores } from '@laurel/infra/runtime/stores';
import { payloadCodecFor } from '@laurel/infra/temporal/payload-codec';
import { startApiServer, stopOnSignals } from './api-server';

/** The API as its own process (PostgreSQL or KurrentDB setups, scaled apart from the workers). */
async function main(): Promise<void> {
  privateFileCreation();
  const config = loadConfig(process.env);
  const stores = await openStores(config);
  const api = await startApiServer(config, stores, await payloadCodecFor(config));
  // In order: no new requests, then the runner, then the connections the requests used.
  stopOnSignals(async () => {
    await api.stop();
    await stores.close();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
