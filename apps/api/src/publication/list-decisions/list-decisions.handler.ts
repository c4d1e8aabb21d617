import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { publicationPolicyFor } from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import type { ReadModels } from '../../projections/read-models';
import { CLOCK, DIRECTORY, PROJECTIONS } from '../../tokens';
import { pick, publicProvince, publishedFields } from '../published-fields';
import type { PublicAwardee, PublicDecision, PublicDecisionList } from '../publication-views';
import { ListPublicDecisionsQuery } from './list-decisions.query';

@QueryHandler(ListPublicDecisionsQuery)
export class ListPublicDecisionsHandler implements IQueryHandler<ListPublicDecisionsQuery> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ province: id, year: asked }: ListPublicDecisionsQuery): Promise<PublicDecisionList> {
    const province = publicProvince(this.directory, id);
    const years = await this.readModels.publishedYears(province.id);
    const year = asked ?? years[0] ?? this.clock().getUTCFullYear();
    const fields = publishedFields(province.id);
    const decisions: PublicDecision[] = [];
    let current: { key: string; decision: PublicDecision; awardees: PublicAwardee[] } | undefined;
    for (const award of await this.readModels.publishedAwards(province.id, year)) {
      const key = `${award.decisionDate}|${award.decisionNumber ?? ''}`;
      if (current?.key !== key) {
        const awardees: PublicAwardee[] = [];
        const decision = {
          ...pick<Omit<PublicDecision, 'awardees'>>(fields, {
            decisionNumber: award.decisionNumber,
            decisionDate: award.decisionDate,
          }),
          awardees,
        };
        decisions.push(decision);
        current = { key, decision, awardees };
      }
      current.awardees.push(
        pick<PublicAwardee>(fields, {
          name: award.name,
          position: award.position,
          unit: this.directory.unit(award.unitId)?.name ?? award.unitId,
          award: award.awardType,
        }),
      );
    }
    return { province, year, years, fields: publicationPolicyFor(province.id).fields, decisions };
  }
}
