import type { Schemas } from '../../api/client';

export type InboxFilters = Schemas['InboxFilters'];
export type InboxStage = NonNullable<InboxFilters['stage']>;
export type InboxAward = NonNullable<InboxFilters['award']>;

/** Stages in which a task can wait for someone, in workflow order. */
export const INBOX_STAGES = [
  'Draft',
  'BlockVote',
  'CouncilReview',
  'AwaitingSupplement',
  'ProvincialDecision',
  'OnHold',
] as const satisfies readonly InboxStage[];

/** The provincial awards Laurel's workflow runs (domain/policy/awards.ts). */
export const INBOX_AWARDS = [
  'ProvincialEmulationFlag',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialCertificateOfMerit',
] as const satisfies readonly InboxAward[];

const BLOCK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const VIEW_ID = /^[0-9a-f-]{36}$/;

/** The inbox's URL: the filters, or a saved view's id (whose filters then apply). */
export type InboxSearch = {
  readonly stage?: InboxStage;
  readonly award?: InboxAward;
  readonly block?: string;
  readonly year?: number;
  readonly overdue?: true;
  readonly view?: string;
};

/** Unknown or malformed values are dropped, so a hand-edited link still opens the inbox. */
export function validateInboxSearch(search: Record<string, unknown>): InboxSearch {
  const text = (key: string): string | undefined =>
    typeof search[key] === 'string' && search[key] !== '' ? (search[key] as string) : undefined;
  const stage = INBOX_STAGES.find((s) => s === text('stage'));
  const award = INBOX_AWARDS.find((a) => a === text('award'));
  const block = text('block');
  const view = text('view');
  const year = Number(search['year']);
  return {
    ...(stage ? { stage } : {}),
    ...(award ? { award } : {}),
    ...(block && BLOCK_ID.test(block) ? { block } : {}),
    ...(Number.isInteger(year) && year >= 2000 && year <= 2200 ? { year } : {}),
    ...(search['overdue'] === true || search['overdue'] === 'true' ? { overdue: true as const } : {}),
    ...(view && VIEW_ID.test(view) ? { view } : {}),
  };
}

/** The filters part of the URL (without the view). */
export function filtersOf(search: InboxSearch): InboxFilters {
  const { view: _view, ...filters } = search;
  return filters;
}

/** A saved view's filters as URL search params (only the known keys). */
export function searchOf(filters: InboxFilters): InboxSearch {
  return validateInboxSearch({ ...filters });
}

type Task = Schemas['InboxTask'];

export function matches(task: Task, filters: InboxFilters): boolean {
  if (filters.stage && task.stage !== filters.stage) return false;
  if (filters.award && task.nomination.awardType !== filters.award) return false;
  if (filters.block && task.nomination.blockId !== filters.block) return false;
  if (filters.year && task.nomination.campaignYear !== filters.year) return false;
  if (filters.overdue && !task.overdue) return false;
  return true;
}
