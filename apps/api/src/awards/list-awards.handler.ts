import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  awardsInEffect,
  eligibilitySummary,
  localDate,
  resolvePolicy,
  type AwardDefiner,
  type PolicyRegistry,
} from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import { ApiError } from '../common/api-error';
import { CLOCK, DIRECTORY, POLICIES } from '../tokens';
import type { AwardListView } from './award-schemas';
import { ListAwardsQuery } from './list-awards.query';

@QueryHandler(ListAwardsQuery)
export class ListAwardsHandler implements IQueryHandler<ListAwardsQuery> {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ user, params }: ListAwardsQuery): Promise<AwardListView> {
    const province = (params.province ?? user.province)?.toLowerCase();
    if (province === undefined) {
      throw new ApiError(400, 'PROVINCE_REQUIRED', 'name the province: ?province=<slug>', { field: 'province' });
    }
    if (!this.directory.province(province)) {
      throw new ApiError(404, 'NOT_FOUND', `province ${province} is unknown`, { province });
    }
    const blockId = params.blockId;
    if (blockId !== undefined && this.directory.block(blockId)?.province !== province) {
      throw new ApiError(404, 'NOT_FOUND', `block ${blockId} is not a block of ${province}`, { blockId, province });
    }
    const at = params.at ?? this.clock().toISOString();
    const policy = resolvePolicy(this.policies, province, at);
    return {
      province,
      blockId: blockId ?? null,
      at: params.at ?? localDate(at, policy.calendar),
      policy: { id: policy.id, version: policy.version, effectiveFrom: policy.effectiveFrom },
      registrationRequired: policy.registrationRequired === true,
      awards: awardsInEffect(policy, blockId).map((award) => ({
        code: award.code,
        name: { ...award.name },
        nomineeKinds: [...award.rule.nomineeKinds],
        definedBy: definerView(award.definedBy),
        legalBasis: award.rule.legalBasis,
        requiredEvidence: [...award.rule.requiredEvidence],
        eligibility: eligibilitySummary(award, policy),
      })),
    };
  }
}

function definerView(definer: AwardDefiner): AwardListView['awards'][number]['definedBy'] {
  switch (definer.kind) {
    case 'national':
      return { kind: 'national', body: definer.body };
    case 'province':
      return { kind: 'province', province: definer.province, body: definer.body };
    case 'block':
      return { kind: 'block', blockId: definer.blockId, body: definer.body };
  }
}
