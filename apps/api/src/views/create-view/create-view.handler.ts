import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SavedView, SavedViews } from '@laurel/infra/saved-views/saved-views';
import { ApiError } from '../../common/api-error';
import { CLOCK } from '../../tokens';
import { SAVED_VIEWS } from '../saved-views.token';
import { MAX_VIEWS_PER_USER } from '../view-schemas';
import { CreateViewCommand } from './create-view.command';

@CommandHandler(CreateViewCommand)
export class CreateViewHandler implements ICommandHandler<CreateViewCommand> {
  constructor(
    @Inject(SAVED_VIEWS) private readonly views: SavedViews,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ user, body }: CreateViewCommand): Promise<SavedView> {
    if ((await this.views.countFor(user.userId)) >= MAX_VIEWS_PER_USER) {
      throw new ApiError(409, 'ALREADY_EXISTS', `at most ${MAX_VIEWS_PER_USER} saved views per user`, {
        limit: MAX_VIEWS_PER_USER,
      });
    }
    const view: SavedView = {
      id: randomUUID(),
      ownerId: user.userId,
      province: user.province ?? null,
      name: body.name,
      filters: body.filters,
      createdAt: this.clock().toISOString(),
    };
    await this.views.add(view);
    return view;
  }
}
