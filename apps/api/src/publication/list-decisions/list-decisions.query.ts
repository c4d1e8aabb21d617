import { Query } from '@nestjs/cqrs';
import type { PublicDecisionList } from '../publication-views';

/**
 * A province's decisions of a campaign year with their awardees, as the
 * public may see them. A "decision" is the approved nominations sharing one
 * decision number and date.
 */
export class ListPublicDecisionsQuery extends Query<PublicDecisionList> {
  constructor(
    readonly province: string,
    readonly year: number | undefined,
  ) {
    super();
  }
}
