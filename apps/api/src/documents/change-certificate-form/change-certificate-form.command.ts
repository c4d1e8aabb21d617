import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { CertificateFormView, ChangeFormRequest } from '../certificate-schemas';

/** Keeps a new version of a form's offsets; printed certificates keep naming the version they used. */
export class ChangeCertificateFormCommand extends Command<CertificateFormView> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly formId: string,
    readonly body: ChangeFormRequest,
  ) {
    super();
  }
}
