// Makes the deliberately incompatible history the replay test must reject: a
// copy of a recorded history in which the first append was made by a local
// activity of another type, as a workflow that had renamed its activity would
// have recorded it. Written by scripts/record-histories.ts next to the others.

/** A history in proto JSON, as `historyToJSON` writes it; only the parts touched here are typed. */
interface HistoryJson {
  readonly events: {
    readonly markerRecordedEventAttributes?: {
      readonly markerName?: string;
      readonly details?: Record<string, { readonly payloads?: { data?: string }[] }>;
    };
  }[];
}

export const INCOMPATIBLE_DIR = 'incompatible';
export const RENAMED_ACTIVITY = 'appendEventsRenamed';

export function withFirstAppendRenamed(json: unknown): unknown {
  const copy = structuredClone(json) as HistoryJson;
  const marker = copy.events.find((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
  const payload = marker?.markerRecordedEventAttributes?.details?.['data']?.payloads?.[0];
  if (!payload?.data) throw new Error('the history has no local activity marker to change');
  const data = Buffer.from(payload.data, 'base64').toString('utf8');
  if (!data.includes('"activity_type":"appendEvents"')) throw new Error(`unexpected marker data: ${data}`);
  payload.data = Buffer.from(data.replace('"appendEvents"', JSON.stringify(RENAMED_ACTIVITY)), 'utf8').toString(
    'base64',
  );
  return copy;
}
