import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SavedViews } from '@laurel/infra/saved-views/saved-views';
import { SAVED_VIEWS } from '../saved-views.token';
import type { SavedViewList } from '../view-schemas';
import { ListViewsQuery } from './list-views.query';

@QueryHandler(ListViewsQuery)
export class ListViewsHandler implements IQueryHandler<ListViewsQuery> {
  constructor(@Inject(SAVED_VIEWS) private readonly views: SavedViews) {}

  async execute({ user }: ListViewsQuery): Promise<SavedViewList> {
    return { items: await this.views.listFor(user.userId) };
  }
}
