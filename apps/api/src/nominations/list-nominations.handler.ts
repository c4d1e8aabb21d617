import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readScopeOf } from '../access/nomination-access';
import type { ReadModels } from '../projections/read-models';
import { PROJECTIONS } from '../tokens';
import { ListNominationsQuery, type NominationListResponse } from './nomination-queries';

@QueryHandler(ListNominationsQuery)
export class ListNominationsHandler implements IQueryHandler<ListNominationsQuery> {
  constructor(@Inject(PROJECTIONS) private readonly readModels: ReadModels) {}

  async execute({ user, filter }: ListNominationsQuery): Promise<NominationListResponse> {
    return this.readModels.listNominations({ ...filter, scope: readScopeOf(user) });
  }
}
