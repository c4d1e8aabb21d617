import { readFile } from 'node:fs/promises';
import type { TLSConfig } from '@temporalio/client';
import type { LaurelConfig } from '../config/config';

/** Connection options shared by the client (API, CLI) and the worker's NativeConnection. */
export interface TemporalConnectionSettings {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

/**
 * Local dev servers speak plaintext; Temporal Cloud wants mTLS or an API key over TLS.
 * Reading the certificate files here keeps both apps' boot identical.
 */
export async function temporalConnectionSettings(config: LaurelConfig): Promise<TemporalConnectionSettings> {
  const settings: TemporalConnectionSettings = { address: config.TEMPORAL_ADDRESS };
  if (config.TEMPORAL_TLS_CERT_PATH || config.TEMPORAL_TLS_KEY_PATH) {
    if (!config.TEMPORAL_TLS_CERT_PATH || !config.TEMPORAL_TLS_KEY_PATH) {
      throw new Error('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
    }
    settings.tls = {
      clientCertPair: {
        crt: await readFile(config.TEMPORAL_TLS_CERT_PATH),
        key: await readFile(config.TEMPORAL_TLS_KEY_PATH),
      },
      ...(config.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: await readFile(config.TEMPORAL_TLS_CA_PATH) } : {}),
      ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    };
  }
  if (config.TEMPORAL_API_KEY) {
    settings.apiKey = config.TEMPORAL_API_KEY;
    settings.tls ??= true;
  }
  return settings;
}
