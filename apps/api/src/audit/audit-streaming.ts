import { once } from 'node:events';
import type { ApiResponse } from '../common/http';

/**
 * Writes a lazily produced body, honouring backpressure, and stops reading
 * the source when the client goes away. A failure after the headers are out
 * cannot become an error status any more: the connection is cut instead, so
 * the client sees a truncated transfer rather than a body that looks whole.
 */
export async function writeLines(response: ApiResponse, lines: AsyncIterable<string>): Promise<void> {
  let closed = false;
  response.once('close', () => {
    closed = true;
  });
  try {
    for await (const line of lines) {
      if (closed) return;
      if (!response.write(line)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
    }
    response.end();
  } catch (error) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

export const NDJSON = 'application/x-ndjson; charset=utf-8';

/** The client asked for a stream of NDJSON progress lines rather than one JSON answer. */
export function wantsNdjson(accept: string | undefined): boolean {
  return accept !== undefined && /application\/x-ndjson/i.test(accept);
}
