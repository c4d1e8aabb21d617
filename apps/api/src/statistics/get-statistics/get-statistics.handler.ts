import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Directory } from '@laurel/infra/directory';
import type { ReadModels } from '../../projections/read-models';
import { DIRECTORY, PROJECTIONS } from '../../tokens';
import { labeller, scopedStatisticsFilter } from '../statistics-scope';
import { GetStatisticsQuery, type StatisticsView } from './get-statistics.query';

@QueryHandler(GetStatisticsQuery)
export class GetStatisticsHandler implements IQueryHandler<GetStatisticsQuery> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ user, request }: GetStatisticsQuery): Promise<StatisticsView> {
    const { filter } = scopedStatisticsFilter(user, request);
    const groupBy = request.groupBy ?? [];
    const report = await this.readModels.statistics(filter, groupBy);
    const label = labeller(this.directory, request.lang);
    return {
      filter: { ...filter },
      groupBy,
      totals: report.totals,
      groups: report.groups.map((group) => ({
        ...group,
        key: { ...group.key },
        label: Object.fromEntries(groupBy.map((d) => [d, label(d, group.key[d] ?? null)])),
      })),
      stages: report.stages,
    };
  }
}
