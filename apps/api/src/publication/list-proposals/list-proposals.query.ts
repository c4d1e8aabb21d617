import { Query } from '@nestjs/cqrs';
import type { PublicProposalList } from '../publication-views';

/** Proposals in council review published for comment, where the province's policy asks for it. */
export class ListPublicProposalsQuery extends Query<PublicProposalList> {
  constructor(readonly province: string) {
    super();
  }
}
