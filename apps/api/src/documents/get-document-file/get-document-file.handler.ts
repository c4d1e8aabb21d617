import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DocumentStore, StoredDocumentFile } from '@laurel/infra/documents';
import { ApiError } from '../../common/api-error';
import { provinceOf } from '../document-access';
import { DOCUMENT_STORE } from '../documents.tokens';
import { GetDocumentFileQuery } from './get-document-file.query';

@QueryHandler(GetDocumentFileQuery)
export class GetDocumentFileHandler implements IQueryHandler<GetDocumentFileQuery> {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async execute({ user, documentId, format }: GetDocumentFileQuery): Promise<StoredDocumentFile> {
    const province = provinceOf(user);
    const file = await this.documents.find(documentId, format);
    // Another province's document is as absent as an unknown one: its id says nothing to this caller.
    if (!file || file.province !== province) {
      throw new ApiError(404, 'NOT_FOUND', `no issued document ${documentId} as ${format}`, { documentId, format });
    }
    return file;
  }
}
