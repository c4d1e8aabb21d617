import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PolicyRegistry } from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import type { ReadModels } from '../../projections/read-models';
import { CLOCK, DIRECTORY, POLICIES, PROJECTIONS } from '../../tokens';
import { commentPeriodOf } from '../comment-period';
import { pick, publicProvince, publishedFields } from '../published-fields';
import type { PublicProposal, PublicProposalList } from '../publication-views';
import { ListPublicProposalsQuery } from './list-proposals.query';

@QueryHandler(ListPublicProposalsQuery)
export class ListPublicProposalsHandler implements IQueryHandler<ListPublicProposalsQuery> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ province: id }: ListPublicProposalsQuery): Promise<PublicProposalList> {
    const province = publicProvince(this.directory, id);
    const now = this.clock();
    const fields = publishedFields(province.id);
    const proposals: PublicProposal[] = [];
    const consults = commentPeriodOf(this.policies, province.id, now.toISOString(), now) !== undefined;
    if (consults) {
      for (const p of await this.readModels.inCouncilReview(province.id)) {
        const period = commentPeriodOf(this.policies, province.id, p.councilReviewSince, now)!;
        proposals.push({
          nominationId: p.nominationId,
          ...pick<Pick<PublicProposal, 'name' | 'position' | 'unit'>>(fields, {
            name: p.name,
            position: p.position,
            unit: this.directory.unit(p.unitId)?.name ?? p.unitId,
          }),
          award: p.awardType,
          campaignYear: p.campaignYear,
          commentsFrom: period.from,
          commentsUntil: period.until,
          open: period.open,
        });
      }
    }
    return { province, consultsBeforeCouncil: consults, proposals };
  }
}
