import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { CertificateFormList } from '../certificate-schemas';

export class ListCertificateFormsQuery extends Query<CertificateFormList> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly province: string | undefined,
  ) {
    super();
  }
}
