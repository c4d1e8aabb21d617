import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SavedViews } from '@laurel/infra/saved-views/saved-views';
import { ApiError } from '../../common/api-error';
import { SAVED_VIEWS } from '../saved-views.token';
import { DeleteViewCommand } from './delete-view.command';

@CommandHandler(DeleteViewCommand)
export class DeleteViewHandler implements ICommandHandler<DeleteViewCommand> {
  constructor(@Inject(SAVED_VIEWS) private readonly views: SavedViews) {}

  async execute({ user, viewId }: DeleteViewCommand): Promise<void> {
    const view = await this.views.find(viewId);
    if (!view) throw new ApiError(404, 'NOT_FOUND', `no saved view ${viewId}`, { viewId });
    if (view.ownerId !== user.userId) {
      throw new ApiError(403, 'OUT_OF_SCOPE', 'only the owner may delete a saved view', { viewId });
    }
    await this.views.remove(viewId, user.userId);
  }
}
