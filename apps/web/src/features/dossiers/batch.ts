import { ApiProblem, notePosition, problemFrom, type Schemas } from '../../api/client';
import { session } from '../../auth/session';

export type BatchResult = Schemas['DossierBatchResult'];
export type ItemResult = Schemas['DossierItemResult'];

/**
 * Sends a batch action and reads its answer as NDJSON, a line per item as it
 * is done, so the screen shows progress; the last line is the result. The same
 * idempotency keys are used on the server for every run of a batch, so sending
 * it again after a failure resumes it.
 */
export async function runBatch(
  path: string,
  body: unknown,
  onProgress: (done: number, total: number, item: ItemResult) => void,
): Promise<BatchResult> {
  const { token } = session.get();
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/x-ndjson',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem(0, 'NETWORK', 'network error');
  }
  if (!response.ok) throw problemFrom(response.status, await response.json().catch(() => null));
  if (!response.body) throw new ApiProblem(0, 'NETWORK', 'empty answer');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      const parsed = JSON.parse(line) as {
        type: string;
        done?: number;
        total?: number;
        item?: ItemResult;
        result?: BatchResult;
        error?: { code: string; message: string };
      };
      if (parsed.type === 'progress' && parsed.item) onProgress(parsed.done ?? 0, parsed.total ?? 0, parsed.item);
      if (parsed.type === 'result' && parsed.result) {
        notePosition(parsed.result.position);
        return parsed.result;
      }
      if (parsed.type === 'error') {
        throw new ApiProblem(503, parsed.error?.code ?? 'ERROR', parsed.error?.message ?? 'the batch stopped');
      }
    }
    if (done) break;
  }
  throw new ApiProblem(503, 'STREAM_ENDED', 'the answer ended before the result');
}

export function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}
