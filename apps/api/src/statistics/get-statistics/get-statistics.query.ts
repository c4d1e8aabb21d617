import { Query } from '@nestjs/cqrs';
import type { StageFigures, StatisticsCounts, StatisticsDimension } from '@laurel/infra/projections';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { StatisticsRequest } from '../statistics-schemas';

export interface StatisticsGroupView extends StatisticsCounts {
  readonly key: Readonly<Record<string, string | number | null>>;
  readonly label: Readonly<Record<string, string>>;
}

export interface StatisticsView {
  readonly filter: Readonly<Record<string, string | number>>;
  readonly groupBy: readonly StatisticsDimension[];
  readonly totals: StatisticsCounts;
  readonly groups: readonly StatisticsGroupView[];
  readonly stages: readonly StageFigures[];
}

/** Figures of the statistics projection, within the caller's province. */
export class GetStatisticsQuery extends Query<StatisticsView> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly request: StatisticsRequest,
  ) {
    super();
  }
}
