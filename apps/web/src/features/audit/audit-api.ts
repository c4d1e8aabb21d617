import { useQuery } from '@tanstack/react-query';
import { api, problemFrom, unwrap, type Schemas } from '../../api/client';
import { session } from '../../auth/session';
import { fileNameOf, saveBlob } from '../../lib/download';

export type AuditEvent = Schemas['AuditEvent'];
export type StateAt = Schemas['StateAt'];
export type NominationVerification = Schemas['NominationVerification'];
export type StoreVerification = Schemas['StoreVerification'];
export type VerifyProgress = Schemas['VerifyProgress'];
export type Directory = Schemas['Directory'];

export type History = {
  readonly streamVersion: number;
  readonly events: readonly AuditEvent[];
  readonly people: Readonly<Record<string, string>>;
};

/** The whole history, page after page (1,000 events a page: a nomination seldom needs a second). */
export async function fetchHistory(id: string): Promise<History> {
  const events: AuditEvent[] = [];
  const people: Record<string, string> = {};
  let from: number | null = 1;
  let streamVersion = 0;
  while (from !== null) {
    const page: Schemas['HistoryPage'] = await unwrap(
      api.GET('/nominations/{id}/history', {
        params: { path: { id }, query: { fromVersion: String(from), limit: '1000' } },
      }),
    );
    events.push(...page.events);
    Object.assign(people, page.people);
    streamVersion = page.streamVersion;
    from = page.nextFromVersion;
  }
  return { streamVersion, events, people };
}

export function useHistory(id: string) {
  return useQuery({ queryKey: ['audit', 'history', id], queryFn: () => fetchHistory(id) });
}

export type AsOfPoint = { readonly version: number } | { readonly at: string } | null;

export function useStateAt(id: string, point: AsOfPoint) {
  return useQuery({
    queryKey: ['audit', 'state', id, point],
    queryFn: () =>
      unwrap(
        api.GET('/nominations/{id}/state', {
          params: {
            path: { id },
            query: point === null ? {} : 'version' in point ? { version: String(point.version) } : { at: point.at },
          },
        }),
      ),
  });
}

export function useVerification(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'verify', id],
    queryFn: () => unwrap(api.GET('/nominations/{id}/verify', { params: { path: { id } } })),
    enabled,
    // A proof is of one moment: asking again must check again.
    gcTime: 0,
    staleTime: 0,
  });
}

export function useDirectory() {
  return useQuery({ queryKey: ['directory'], queryFn: () => unwrap(api.GET('/directory')), staleTime: 10 * 60_000 });
}

export function useNominationList() {
  return useQuery({
    queryKey: ['audit', 'nominations'],
    queryFn: () => unwrap(api.GET('/nominations', { params: { query: { limit: 100 } } })),
  });
}

/** Names of units and blocks by id, for showing names instead of ids. */
export function namesOf(directory: Directory | undefined): {
  unit: (id: unknown) => string;
  block: (id: unknown) => string;
} {
  const units = new Map(directory?.units.map((u) => [u.id, u.name]));
  const blocks = new Map(directory?.blocks.map((b) => [b.id, b.name]));
  return {
    unit: (id) => (typeof id === 'string' ? (units.get(id) ?? id) : ''),
    block: (id) => (typeof id === 'string' ? (blocks.get(id) ?? id) : ''),
  };
}

function authorised(): Headers {
  const headers = new Headers();
  const { token } = session.get();
  if (token) headers.set('authorization', `Bearer ${token}`);
  return headers;
}

/**
 * Downloads an export as a file. The export needs the bearer token, which a
 * plain link cannot send, so the body is fetched and handed to the browser as
 * a Blob; the file name is the one the API proposes.
 */
export async function downloadExport(query: { format: 'csv' | 'ndjson'; nomination?: string }): Promise<void> {
  const params = new URLSearchParams({
    format: query.format,
    ...(query.nomination ? { nomination: query.nomination } : {}),
  });
  let response: Response;
  try {
    response = await fetch(`/audit/export?${params.toString()}`, { headers: authorised() });
  } catch {
    throw problemFrom(0, null);
  }
  if (!response.ok) throw problemFrom(response.status, await response.json().catch(() => null));
  const blob = await response.blob();
  saveBlob(blob, fileNameOf(response, `laurel-audit.${query.format}`));
}

/**
 * Runs the store-wide check, reading its NDJSON progress lines as they come;
 * the last line is the result (or `{ ok: false, error }`).
 */
export async function verifyStore(onProgress: (progress: VerifyProgress) => void): Promise<StoreVerification> {
  const headers = authorised();
  headers.set('accept', 'application/x-ndjson');
  let response: Response;
  try {
    response = await fetch('/audit/verify', { headers });
  } catch {
    throw problemFrom(0, null);
  }
  if (!response.ok || !response.body) throw problemFrom(response.status, await response.json().catch(() => null));
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
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (typeof parsed['ok'] === 'boolean') {
        if (parsed['error']) throw problemFrom(503, parsed);
        return parsed as unknown as StoreVerification;
      }
      onProgress(parsed as unknown as VerifyProgress);
    }
    if (done) break;
  }
  throw problemFrom(0, null);
}
