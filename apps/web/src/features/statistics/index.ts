import { lazyRouteComponent } from '@tanstack/react-router';

export const STATISTICS_DIMENSIONS = [
  'province',
  'block',
  'unit',
  'year',
  'awardType',
  'nomineeKind',
  'outcome',
] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];
export const STATISTICS_OUTCOMES = ['Awarded', 'NotAwarded', 'Withdrawn', 'Expired', 'Revoked', 'InProgress'] as const;

/** Every filter and the grouping live in the URL: a table can be bookmarked, shared or sent up as a link. */
export type StatisticsSearch = {
  readonly province?: string;
  readonly block?: string;
  readonly unit?: string;
  readonly year?: number;
  readonly awardType?: string;
  readonly outcome?: (typeof STATISTICS_OUTCOMES)[number];
  /** Up to two dimensions, comma-separated as the API takes them. */
  readonly groupBy?: string;
};

export function validateStatisticsSearch(search: Record<string, unknown>): StatisticsSearch {
  const text = (key: string) =>
    typeof search[key] === 'string' && search[key] !== '' ? (search[key] as string) : undefined;
  const year = Number(search['year']);
  const outcome = STATISTICS_OUTCOMES.find((o) => o === search['outcome']);
  const groupBy = [
    ...new Set(
      (text('groupBy') ?? '')
        .split(',')
        .filter((d): d is StatisticsDimension => (STATISTICS_DIMENSIONS as readonly string[]).includes(d)),
    ),
  ].slice(0, 2);
  return {
    ...(text('province') ? { province: text('province') } : {}),
    ...(text('block') ? { block: text('block') } : {}),
    ...(text('unit') ? { unit: text('unit') } : {}),
    ...(Number.isInteger(year) && year >= 2000 && year <= 2200 ? { year } : {}),
    ...(text('awardType') ? { awardType: text('awardType') } : {}),
    ...(outcome ? { outcome } : {}),
    ...(groupBy.length > 0 ? { groupBy: groupBy.join(',') } : {}),
  };
}

export const StatisticsPage = lazyRouteComponent(() => import('./StatisticsPage'));
