import { Module } from '@nestjs/common';
import { DocumentStore } from '@laurel/infra/documents';
import type { LaurelConfig } from '@laurel/infra/config/config';
import type { Stores } from '@laurel/infra/runtime/stores';
import { NominationsModule } from '../nominations/nominations.module';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { CONFIG, STORES } from '../tokens';
import { DocumentsController } from './documents.controller';
import { DOCUMENT_STORE } from './documents.tokens';
import { GetDocumentFileHandler } from './get-document-file/get-document-file.handler';
import { IssueDocumentHandler } from './issue-document/issue-document.handler';

/** Documents built from the record: proposal letters, minutes, decisions with their lists. */
@Module({
  imports: [NominationsModule],
  controllers: [DocumentsController],
  providers: [
    {
      provide: DOCUMENT_STORE,
      inject: [STORES, CONFIG],
      useFactory: (stores: Stores, config: LaurelConfig) => DocumentStore.for(stores, config.DATABASE_SCHEMA),
    },
    ReadYourWritesInterceptor,
    IssueDocumentHandler,
    GetDocumentFileHandler,
  ],
})
export class DocumentsModule {}
