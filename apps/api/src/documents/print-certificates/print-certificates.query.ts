import { Query } from '@nestjs/cqrs';
import type { CertificatePrint } from '@laurel/infra/documents';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { PrintCertificatesRequest } from '../certificate-schemas';

export interface PrintedCertificates extends CertificatePrint {
  readonly filename: string;
  readonly nominationIds: readonly string[];
}

/** A read: printing records nothing (the decision is the record; a certificate is one of its copies). */
export class PrintCertificatesQuery extends Query<PrintedCertificates> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly body: PrintCertificatesRequest,
  ) {
    super();
  }
}
