import { Module } from '@nestjs/common';
import type { LaurelConfig } from '@laurel/infra/config/config';
import type { Stores } from '@laurel/infra/runtime/stores';
import { SqlSavedViews } from '@laurel/infra/saved-views/saved-views';
import { CONFIG, STORES } from '../tokens';
import { CreateViewHandler } from './create-view/create-view.handler';
import { DeleteViewHandler } from './delete-view/delete-view.handler';
import { GetViewHandler } from './get-view/get-view.handler';
import { ListViewsHandler } from './list-views/list-views.handler';
import { SAVED_VIEWS } from './saved-views.token';
import { ViewsController } from './views.controller';

@Module({
  controllers: [ViewsController],
  providers: [
    {
      provide: SAVED_VIEWS,
      inject: [STORES, CONFIG],
      // The table sits beside the read models, in the store's SQL database and schema.
      useFactory: (stores: Stores, config: LaurelConfig) => new SqlSavedViews(() => stores.sql, config.DATABASE_SCHEMA),
    },
    ListViewsHandler,
    GetViewHandler,
    CreateViewHandler,
    DeleteViewHandler,
  ],
})
export class ViewsModule {}
