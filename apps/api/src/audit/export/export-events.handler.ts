import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { formatPosition, readAllInPages, type EventStore, type Position } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import { STORES } from '../../tokens';
import { assertAuditReader, auditProvince } from '../../access/read-access';
import { csvHeader, csvLine, ndjsonLine } from './export-format';
import { ExportAuditEvents, type AuditExport, type ExportFilter, type ExportFormat } from './export-events.query';

const NOMINATION_PREFIX = 'nomination-';

interface StreamFacts {
  campaignYear?: number;
  blockId?: string;
  province?: string;
  lastVersion: number;
}

/**
 * First pass: every nomination stream's year and block (from NominationDrafted
 * and any DraftEdited that changed the year) and its last version. Only these
 * few facts per nomination are kept, never the events.
 */
async function surveyStreams(store: EventStore): Promise<{ streams: Map<string, StreamFacts>; position: Position }> {
  const streams = new Map<string, StreamFacts>();
  let position: Position = { commit: -1n, prepare: -1n };
  for await (const page of readAllInPages(store, { streamPrefixes: [NOMINATION_PREFIX] })) {
    for (const event of page) {
      let facts = streams.get(event.streamName);
      if (!facts) {
        facts = { lastVersion: 0 };
        streams.set(event.streamName, facts);
      }
      facts.lastVersion = event.version;
      if (event.type === 'NominationDrafted') {
        const { campaignYear, blockId, province } = event.data;
        if (typeof campaignYear === 'number') facts.campaignYear = campaignYear;
        if (typeof blockId === 'string') facts.blockId = blockId;
        if (typeof province === 'string') facts.province = province;
      } else if (event.type === 'DraftEdited') {
        const changes = event.data['changes'];
        const year =
          typeof changes === 'object' && changes !== null && !Array.isArray(changes)
            ? changes['campaignYear']
            : undefined;
        if (typeof year === 'number') facts.campaignYear = year;
      }
    }
    if (page.length > 0) position = page[page.length - 1]!.position;
  }
  return { streams, position };
}

function matches(streamName: string, facts: StreamFacts, filter: ExportFilter, province: string | undefined): boolean {
  if (province !== undefined && facts.province !== province) return false;
  if (filter.nominationId !== undefined && streamName !== `${NOMINATION_PREFIX}${filter.nominationId}`) return false;
  if (filter.year !== undefined && facts.campaignYear !== filter.year) return false;
  if (filter.blockId !== undefined && facts.blockId !== filter.blockId) return false;
  return true;
}

async function* exportLines(
  store: EventStore,
  format: ExportFormat,
  selected: readonly (readonly [string, StreamFacts])[],
): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  const line = format === 'csv' ? csvLine : ndjsonLine;
  for (const [streamName, facts] of selected) {
    const nominationId = streamName.slice(NOMINATION_PREFIX.length);
    // Up to the version surveyed: the export is one snapshot of the store.
    for await (const event of store.readStream(streamName, { maxCount: facts.lastVersion })) {
      yield line(nominationId, event);
    }
  }
}

@QueryHandler(ExportAuditEvents)
export class ExportAuditEventsHandler implements IQueryHandler<ExportAuditEvents> {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async execute(query: ExportAuditEvents): Promise<AuditExport> {
    assertAuditReader(query.user, 'export the audit record');
    const store = this.stores.events;
    const { streams, position } = await surveyStreams(store);
    // An auditor exports its own province only; an admin, every province.
    const province = auditProvince(query.user);
    const selected = [...streams].filter(([name, facts]) => matches(name, facts, query.filter, province));
    return {
      format: query.format,
      contentType: query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      nominations: selected.length,
      events: selected.reduce((sum, [, facts]) => sum + facts.lastVersion, 0),
      position: formatPosition(position),
      lines: exportLines(store, query.format, selected),
    };
  }
}
