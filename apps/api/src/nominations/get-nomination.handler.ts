import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  findPolicy,
  redactSecretBallots,
  reportedOutcome,
  type ActiveState,
  type PolicyRegistry,
} from '@laurel/domain';
import { assertMayRead } from '../access/nomination-access';
import type { ReadModels } from '../projections/read-models';
import { POLICIES, PROJECTIONS } from '../tokens';
import { GetNominationQuery, type EligibilityBasis, type NominationDetail } from './nomination-queries';
import { NominationWorkflows, scopeOf } from './nomination-workflows';

@QueryHandler(GetNominationQuery)
export class GetNominationHandler implements IQueryHandler<GetNominationQuery> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    private readonly workflows: NominationWorkflows,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
  ) {}

  async execute({ user, nominationId }: GetNominationQuery): Promise<NominationDetail> {
    const projected = await this.readModels.findNomination(nominationId);
    if (projected && projected.state.stage !== 'Initial') {
      const { state, ...summary } = projected;
      return this.detail(user, state, summary, 'projection');
    }
    // Not projected yet (just drafted, or the runner is behind): the workflow knows.
    const state = await this.workflows.state(nominationId);
    return this.detail(user, state, null, 'workflow');
  }

  private detail(
    user: GetNominationQuery['user'],
    state: ActiveState,
    summary: NominationDetail['summary'],
    source: NominationDetail['source'],
  ): NominationDetail {
    assertMayRead(user, scopeOf(state));
    return {
      nominationId: state.nomination.nominationId,
      stage: state.stage,
      outcome: state.stage === 'Closed' ? reportedOutcome(state) : null,
      summary,
      // Both sources seal secret ballots already; sealing again costs nothing and keeps it true here.
      state: redactSecretBallots(state),
      source,
      eligibilityBasis: this.eligibilityBasis(state),
    };
  }

  private eligibilityBasis(state: ActiveState): EligibilityBasis | null {
    const ref = state.submission?.policy ?? state.nomination.policy;
    const policy = findPolicy(this.policies, ref.id, ref.version);
    if (!policy) return null;
    return {
      policy: { id: policy.id, version: policy.version },
      awardLegalBasis: policy.awards[state.nomination.awardType]?.legalBasis ?? null,
      policyLegalBasis: [...policy.legalBasis],
    };
  }
}
