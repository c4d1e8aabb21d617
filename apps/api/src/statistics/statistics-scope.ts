import type { StatisticsFilter } from '@laurel/infra/projections';
import type { Directory } from '@laurel/infra/directory';
import { outOfScope } from '../access/nomination-access';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { StatisticsRequest } from './statistics-schemas';
import { dimensionLabel, type Lang } from './report-labels';
import type { StatisticsDimension } from '@laurel/infra/projections';

/** Who reads statistics: the Board, the chairman, auditors and admins (the list). */
export const STATISTICS_ROLES = ['board_officer', 'chairman', 'auditor', 'admin'] as const;

/**
 * The request's filter within the caller's province. A province-bound user
 * asking for another province gets 403 rather than an empty table, which
 * would read as "no awards there".
 */
export function scopedStatisticsFilter(user: AuthenticatedUser, query: Omit<StatisticsRequest, 'lang' | 'groupBy'>) {
  const seesAll = user.role === 'admin' || (user.role === 'auditor' && user.province === undefined);
  if (!seesAll) {
    if (user.province === undefined) throw outOfScope('your account has no province', {});
    if (query.province !== undefined && query.province !== user.province) {
      throw outOfScope('statistics of another province', { province: query.province, yourProvince: user.province });
    }
  }
  const province = seesAll ? query.province : user.province;
  const filter: StatisticsFilter = {
    ...(province !== undefined ? { province } : {}),
    ...(query.block !== undefined ? { blockId: query.block } : {}),
    ...(query.unit !== undefined ? { unitId: query.unit } : {}),
    ...(query.year !== undefined ? { campaignYear: query.year } : {}),
    ...(query.yearFrom !== undefined ? { yearFrom: query.yearFrom } : {}),
    ...(query.yearTo !== undefined ? { yearTo: query.yearTo } : {}),
    ...(query.awardType !== undefined ? { awardType: query.awardType } : {}),
    ...(query.nomineeKind !== undefined ? { nomineeKind: query.nomineeKind } : {}),
    ...(query.outcome !== undefined ? { outcome: query.outcome } : {}),
  };
  return { filter, seesAll };
}

export function labeller(directory: Directory, lang: Lang) {
  const names = (dimension: 'province' | 'block' | 'unit', id: string): string | undefined =>
    dimension === 'province'
      ? directory.province(id)?.name
      : dimension === 'block'
        ? directory.block(id)?.name
        : directory.unit(id)?.name;
  return (dimension: StatisticsDimension, value: string | number | null): string =>
    dimensionLabel(lang, dimension, value, names);
}
