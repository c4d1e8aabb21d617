import { Module } from '@nestjs/common';
import { CertificateFormStore, DocumentStore } from '@laurel/infra/documents';
import type { LaurelConfig } from '@laurel/infra/config/config';
import type { Stores } from '@laurel/infra/runtime/stores';
import { NominationsModule } from '../nominations/nominations.module';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { CONFIG, STORES } from '../tokens';
import { DocumentsController } from './documents.controller';
import { CertificatesController } from './certificates.controller';
import { CouncilSessionMinutesController } from './council-session-minutes/council-session-minutes.controller';
import { CouncilSessionMinutes } from './council-session-minutes/council-session-minutes.handler';
import { ChangeCertificateFormHandler } from './change-certificate-form/change-certificate-form.handler';
import { CERTIFICATE_FORM_STORE, DOCUMENT_STORE } from './documents.tokens';
import { GetCertificateFormHandler } from './get-certificate-form/get-certificate-form.handler';
import { ListCertificateFormsHandler } from './list-certificate-forms/list-certificate-forms.handler';
import { PrintCertificatesHandler } from './print-certificates/print-certificates.handler';
import { GetDocumentFileHandler } from './get-document-file/get-document-file.handler';
import { IssueDocumentHandler } from './issue-document/issue-document.handler';

/** Documents built from the record: proposal letters, minutes, decisions with their lists; certificates on their blanks. */
@Module({
  imports: [NominationsModule],
  controllers: [DocumentsController, CertificatesController, CouncilSessionMinutesController],
  providers: [
    {
      provide: DOCUMENT_STORE,
      inject: [STORES, CONFIG],
      useFactory: (stores: Stores, config: LaurelConfig) => DocumentStore.for(stores, config.DATABASE_SCHEMA),
    },
    {
      provide: CERTIFICATE_FORM_STORE,
      inject: [STORES, CONFIG],
      useFactory: (stores: Stores, config: LaurelConfig) => CertificateFormStore.for(stores, config.DATABASE_SCHEMA),
    },
    ReadYourWritesInterceptor,
    IssueDocumentHandler,
    ListCertificateFormsHandler,
    GetCertificateFormHandler,
    ChangeCertificateFormHandler,
    PrintCertificatesHandler,
    GetDocumentFileHandler,
    CouncilSessionMinutes,
  ],
})
export class DocumentsModule {}
