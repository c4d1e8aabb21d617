import { Query } from '@nestjs/cqrs';
import type { DocumentFormat } from '@laurel/domain';
import type { StoredDocumentFile } from '@laurel/infra/documents';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

export class GetDocumentFileQuery extends Query<StoredDocumentFile> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly documentId: string,
    readonly format: DocumentFormat,
  ) {
    super();
  }
}
