import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Stage } from '@laurel/domain';
import type { LaurelConfig } from '@laurel/infra/config/config';
import { readScopeOf } from '../../access/nomination-access';
import type { NominationListItem, ReadModels } from '../../projections/read-models';
import { CONFIG, PROJECTIONS } from '../../tokens';
import { GetOverviewQuery, type Overview } from './get-overview.query';

const PAGE = 200;

function counts<K>(items: readonly NominationListItem[], keyOf: (item: NominationListItem) => K): Map<K, number> {
  const map = new Map<K, number>();
  for (const item of items) map.set(keyOf(item), (map.get(keyOf(item)) ?? 0) + 1);
  return map;
}

@QueryHandler(GetOverviewQuery)
export class GetOverviewHandler implements IQueryHandler<GetOverviewQuery> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(CONFIG) private readonly config: LaurelConfig,
  ) {}

  async execute({ user }: GetOverviewQuery): Promise<Overview> {
    const scope = readScopeOf(user);
    // The list projection pages; a province's year is hundreds of rows, so reading them all is cheap.
    const items: NominationListItem[] = [];
    let after: string | undefined;
    do {
      const page = await this.readModels.listNominations({ scope, limit: PAGE, ...(after ? { after } : {}) });
      items.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after);

    const ui = this.config.TEMPORAL_UI_URL;
    const namespace = this.config.TEMPORAL_NAMESPACE;
    const sorted = <K>(map: Map<K, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
    return {
      total: items.length,
      byStage: sorted(counts(items, (i) => i.stage)).map(([stage, count]) => ({ stage: stage as Stage, count })),
      byBlock: sorted(counts(items, (i) => i.blockId)).map(([blockId, count]) => ({ blockId, count })),
      byAward: sorted(counts(items, (i) => i.awardType)).map(([awardType, count]) => ({ awardType, count })),
      byYear: [...counts(items, (i) => i.campaignYear).entries()]
        .sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0))
        .map(([campaignYear, count]) => ({ campaignYear, count })),
      overdue: items
        .filter((i) => i.overdue)
        .sort((a, b) => (a.stageDeadline ?? '').localeCompare(b.stageDeadline ?? ''))
        .map((i) => {
          const workflowId = `nomination-${i.nominationId}`;
          return {
            nominationId: i.nominationId,
            nomineeName: i.nomineeName,
            awardType: i.awardType,
            campaignYear: i.campaignYear,
            stage: i.stage,
            blockId: i.blockId,
            proposingUnitId: i.proposingUnitId,
            stageDeadline: i.stageDeadline,
            escalated: i.escalated,
            workflowId,
            temporalUiUrl: ui
              ? `${ui}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`
              : null,
          };
        }),
      temporalUi: ui ? { url: ui, namespace } : null,
    };
  }
}
