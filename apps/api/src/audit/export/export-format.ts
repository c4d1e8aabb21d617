import type { RecordedEvent } from '@laurel/infra/event-store/port';
import { toAuditEventView } from '../audit-events';

export const CSV_COLUMNS = [
  'nominationId',
  'version',
  'type',
  'recordedAt',
  'actorUserId',
  'actorRole',
  'actorUnitId',
  'prevHash',
  'hash',
  'data',
] as const;

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The UTF-8 byte-order mark: without it Excel reads a CSV file in the
 * machine's legacy code page and garbles every Vietnamese diacritic.
 */
export const UTF8_BOM = '\uFEFF';

export function csvHeader(): string {
  return `${UTF8_BOM}${CSV_COLUMNS.join(',')}\r\n`;
}

function actorField(actor: unknown, key: 'userId' | 'role' | 'unitId'): string | undefined {
  if (typeof actor !== 'object' || actor === null) return undefined;
  const value = (actor as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

export function csvLine(nominationId: string, event: RecordedEvent): string {
  const view = toAuditEventView(event);
  return (
    [
      nominationId,
      view.version,
      view.type,
      view.recordedAt,
      actorField(view.actor, 'userId'),
      actorField(view.actor, 'role'),
      actorField(view.actor, 'unitId'),
      view.prevHash,
      view.hash,
      JSON.stringify(view.data),
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}

export function ndjsonLine(nominationId: string, event: RecordedEvent): string {
  return `${JSON.stringify({ nominationId, ...toAuditEventView(event) })}\n`;
}
