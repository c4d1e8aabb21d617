import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { IssueDocumentRequest, IssuedDocument } from '../document-schemas';

/** Builds a document from the record, keeps its files and records their digests on every nomination it covers. */
export class IssueDocumentCommand extends Command<IssuedDocument> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly body: IssueDocumentRequest,
  ) {
    super();
  }
}
