import type { AwardType, ReportedOutcome, Role, Stage } from '@laurel/domain';
import type {
  InboxTask,
  ItemPage,
  SessionHeader,
  SessionItemRow,
  SessionKind,
  NominationDetail,
  NominationListItem,
  ProposalForComment,
  PublishedAward,
  StatisticsDimension,
  StatisticsFilter,
  StatisticsReport,
} from '@laurel/infra/projections';
import type { ReadScope } from '../access/nomination-access';

export type { InboxTask, NominationDetail as ProjectedNomination, NominationListItem };
export type { ItemPage, SessionHeader, SessionItemRow, SessionKind };
export type { ProposalForComment, PublishedAward, StatisticsDimension, StatisticsFilter, StatisticsReport };

/**
 * What the API reads from the projections (infra/projections): the
 * nomination list and the task inbox, plus the runner's progress for
 * read-your-writes. A port, so the query handlers do not depend on how the
 * runner is wired (in this process, or another one sharing the database).
 */
export interface ReadModels {
  /** Resolves true once every projection has applied the store up to `position` (`<commit>.<prepare>`), false on timeout. */
  waitFor(position: string, timeoutMs: number): Promise<boolean>;
  listNominations(query: NominationListQuery): Promise<NominationPage>;
  findNomination(nominationId: string): Promise<NominationDetail | undefined>;
  /** Several nominations' list rows in one read (no scope applied: the caller has checked it), keyed by id. */
  findNominations(nominationIds: readonly string[]): Promise<ReadonlyMap<string, NominationListItem>>;
  tasks(query: TaskQuery): Promise<TaskPage>;
  /** Aggregates of the statistics projection; the caller has already narrowed the filter to its scope. */
  statistics(filter: StatisticsFilter, groupBy: readonly StatisticsDimension[]): Promise<StatisticsReport>;
  /** Standing awards of a province's campaign year, newest decision first (every field: the caller trims). */
  publishedAwards(province: string, year: number): Promise<readonly PublishedAward[]>;
  /** Campaign years with standing awards in the province, newest first. */
  publishedYears(province: string): Promise<readonly number[]>;
  /** The province's nominations now in council review. */
  inCouncilReview(province: string): Promise<readonly ProposalForComment[]>;
  /** One nomination's statistics row, as the comment routes need it. */
  proposal(nominationId: string): Promise<(ProposalForComment & { province: string; stage: string }) | undefined>;
  /** A block or council session as the sessions read model holds it. */
  session(kind: SessionKind, sessionId: string): Promise<SessionHeader | undefined>;
  /** Every session of a kind, newest first; only one province's when it is given. */
  sessions(kind: SessionKind, province?: string): Promise<readonly SessionHeader[]>;
  /** A session's agenda in order, with each item's progress; a page when `limit` is given. */
  sessionItems(header: SessionHeader, page?: ItemPage): Promise<readonly SessionItemRow[]>;
  /** Several sessions' whole agendas in one read, keyed by session id. */
  sessionAgendas(headers: readonly SessionHeader[]): Promise<ReadonlyMap<string, readonly SessionItemRow[]>>;
  /** Readiness: whether the runner is running, and where it is. */
  status(): Promise<ProjectionStatus>;
  /** Empties the read models and replays the store into them, reporting progress as it goes. */
  rebuild(onProgress: (progress: RebuildProgressLine) => void): Promise<RebuildSummary>;
}

export interface RebuildProgressLine {
  readonly done: number;
  /** Events to replay, when the store can count them. */
  readonly total: number | null;
}

export interface RebuildSummary {
  readonly events: number;
  readonly nominations: number;
  readonly tasks: number;
  readonly durationMs: number;
  readonly position: string;
}

export interface NominationListQuery {
  /** What the caller may see; always applied. */
  readonly scope: ReadScope;
  readonly stage?: Stage;
  readonly outcome?: ReportedOutcome;
  readonly blockId?: string;
  readonly unitId?: string;
  readonly campaignYear?: number;
  readonly awardType?: AwardType;
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly after?: string;
}

export interface NominationPage {
  readonly items: readonly NominationListItem[];
  readonly nextCursor: string | null;
}

export interface TaskAssignee {
  readonly userId: string;
  readonly role: Role;
  readonly unitId?: string;
  readonly blockId?: string;
  readonly province?: string;
}

export interface TaskQuery {
  readonly assignee: TaskAssignee;
  readonly status: 'pending' | 'done';
  readonly limit: number;
  readonly after?: string;
}

export interface TaskPage {
  readonly items: readonly InboxTask[];
  readonly nextCursor: string | null;
}

export interface ProjectionStatus {
  readonly running: boolean;
  /** The position the read models have reached, `<commit>.<prepare>`. */
  readonly position: string;
  readonly error?: string;
}
