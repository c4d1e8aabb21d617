import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SavedView, SavedViews } from '@laurel/infra/saved-views/saved-views';
import { ApiError } from '../../common/api-error';
import { SAVED_VIEWS } from '../saved-views.token';
import { mayOpenView } from '../view-access';
import { GetViewQuery } from './get-view.query';

@QueryHandler(GetViewQuery)
export class GetViewHandler implements IQueryHandler<GetViewQuery> {
  constructor(@Inject(SAVED_VIEWS) private readonly views: SavedViews) {}

  async execute({ user, viewId }: GetViewQuery): Promise<SavedView> {
    const view = await this.views.find(viewId);
    // Another province's view answers as unknown: its existence is not the caller's business.
    if (!view || !mayOpenView(user, view)) {
      throw new ApiError(404, 'NOT_FOUND', `no saved view ${viewId}`, { viewId });
    }
    return view;
  }
}
