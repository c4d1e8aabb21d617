import { formatPosition, parsePosition } from '@laurel/infra/event-store/port';
import {
  InvalidCursorError,
  type ItemPage,
  type SessionHeader,
  type SessionItemRow,
  type SessionKind,
  InvalidPageError,
  type NominationFilter,
  type ProjectionRunner,
  type ProposalForComment,
  type PublishedAward,
  type StatisticsDimension,
  type StatisticsFilter,
  type StatisticsReport,
} from '@laurel/infra/projections';
import { ApiError } from '../common/api-error';
import type {
  NominationListItem,
  NominationListQuery,
  NominationPage,
  ProjectedNomination,
  ProjectionStatus,
  ReadModels,
  RebuildProgressLine,
  RebuildSummary,
  TaskPage,
  TaskQuery,
} from './read-models';

const EMPTY_PAGE = { items: [], nextCursor: null } as const;

/** A bad `after` cursor or page size is the caller's input: 400, like any other bad query. */
async function asPageErrors<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursorError || error instanceof InvalidPageError) {
      throw new ApiError(400, 'INVALID_QUERY', error.message, { code: error.code });
    }
    throw error;
  }
}

/** The ReadModels port over a projection runner (in this process) and its SQL queries. */
export class RunnerReadModels implements ReadModels {
  constructor(private readonly runner: ProjectionRunner) {}

  waitFor(position: string, timeoutMs: number): Promise<boolean> {
    return this.runner.waitFor(parsePosition(position), timeoutMs);
  }

  async listNominations(query: NominationListQuery): Promise<NominationPage> {
    const filter = scopedFilter(query);
    if (!filter) return EMPTY_PAGE;
    const page = await asPageErrors(() =>
      this.runner.nominations.list(filter, { limit: query.limit, ...(query.after ? { after: query.after } : {}) }),
    );
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }

  findNomination(nominationId: string): Promise<ProjectedNomination | undefined> {
    return this.runner.nominations.byId(nominationId);
  }

  findNominations(nominationIds: readonly string[]): Promise<ReadonlyMap<string, NominationListItem>> {
    return this.runner.nominations.byIds(nominationIds);
  }

  async tasks({ assignee, status, limit, after }: TaskQuery): Promise<TaskPage> {
    if (status === 'done') {
      const page = await asPageErrors(() =>
        this.runner.taskInbox.doneBy(assignee, { limit, ...(after ? { after } : {}) }),
      );
      return { items: page.items, nextCursor: page.nextCursor ?? null };
    }
    // Province-wide tasks are filed under one scope for every province: keep the caller's own.
    const items = [];
    let cursor = after;
    for (;;) {
      const page = await asPageErrors(() =>
        this.runner.taskInbox.pendingFor(assignee, { limit, ...(cursor ? { after: cursor } : {}) }),
      );
      for (const task of page.items) {
        if (task.blockId === null && task.unitId === null && task.nomination.province !== assignee.province) continue;
        items.push(task);
        if (items.length === limit) return { items, nextCursor: page.nextCursor ?? null };
      }
      if (!page.nextCursor) return { items, nextCursor: null };
      cursor = page.nextCursor;
    }
  }

  statistics(filter: StatisticsFilter, groupBy: readonly StatisticsDimension[]): Promise<StatisticsReport> {
    return this.runner.statistics.report(filter, groupBy);
  }

  publishedAwards(province: string, year: number): Promise<readonly PublishedAward[]> {
    return this.runner.publication.awards(province, year);
  }

  publishedYears(province: string): Promise<readonly number[]> {
    return this.runner.publication.years(province);
  }

  inCouncilReview(province: string): Promise<readonly ProposalForComment[]> {
    return this.runner.publication.inCouncilReview(province);
  }

  proposal(nominationId: string): Promise<(ProposalForComment & { province: string; stage: string }) | undefined> {
    return this.runner.publication.proposal(nominationId);
  }

  session(kind: SessionKind, sessionId: string): Promise<SessionHeader | undefined> {
    return this.runner.sessions.header(kind, sessionId);
  }

  sessions(kind: SessionKind, province?: string): Promise<readonly SessionHeader[]> {
    return this.runner.sessions.headers(kind, province);
  }

  sessionItems(header: SessionHeader, page?: ItemPage): Promise<readonly SessionItemRow[]> {
    return this.runner.sessions.items(header, page);
  }

  sessionAgendas(headers: readonly SessionHeader[]): Promise<ReadonlyMap<string, readonly SessionItemRow[]>> {
    return this.runner.sessions.itemsOf(headers);
  }

  async rebuild(onProgress: (progress: RebuildProgressLine) => void): Promise<RebuildSummary> {
    const result = await this.runner.rebuild({
      onProgress: ({ done, total }) => onProgress({ done, total: total ?? null }),
    });
    const { events, nominations, tasks, durationMs } = result;
    return { events, nominations, tasks, durationMs, position: formatPosition(result.position) };
  }

  async status(): Promise<ProjectionStatus> {
    const stats = this.runner.stats();
    return {
      running: stats.status !== 'stopped',
      position: stats.position,
      ...(stats.lastError !== undefined ? { error: stats.lastError } : {}),
    };
  }
}

/** The caller's filters within what they may see; undefined when the two cannot overlap. */
function scopedFilter(query: NominationListQuery): NominationFilter | undefined {
  const filter: {
    -readonly [K in keyof NominationFilter]: NominationFilter[K];
  } = {
    ...(query.stage !== undefined ? { stage: query.stage } : {}),
    ...(query.outcome !== undefined ? { outcome: query.outcome } : {}),
    ...(query.blockId !== undefined ? { blockId: query.blockId } : {}),
    ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
    ...(query.campaignYear !== undefined ? { campaignYear: query.campaignYear } : {}),
    ...(query.awardType !== undefined ? { awardType: query.awardType } : {}),
  };
  const { scope } = query;
  switch (scope.kind) {
    case 'all':
      return filter;
    case 'none':
      return undefined;
    case 'province':
      return narrow(filter, 'province', scope.province);
    case 'block':
      return narrow(filter, 'blockId', scope.blockId);
    case 'unit':
      return narrow(filter, 'unitId', scope.unitId);
  }
}

function narrow(
  filter: NominationFilter,
  key: 'province' | 'blockId' | 'unitId',
  value: string,
): NominationFilter | undefined {
  if (filter[key] !== undefined && filter[key] !== value) return undefined;
  return { ...filter, [key]: value };
}
