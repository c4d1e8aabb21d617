import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { CertificateFormView, FormQuery } from '../certificate-schemas';

export class GetCertificateFormQuery extends Query<CertificateFormView> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly formId: string,
    readonly query: FormQuery,
  ) {
    super();
  }
}
