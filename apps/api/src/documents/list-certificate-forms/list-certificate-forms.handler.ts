import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { defaultFormId, type CertificateFormStore } from '@laurel/infra/documents';
import type { CertificateFormList } from '../certificate-schemas';
import { formView } from '../certificate-form-view';
import { provinceOf } from '../document-access';
import { CERTIFICATE_FORM_STORE } from '../documents.tokens';
import { ListCertificateFormsQuery } from './list-certificate-forms.query';

@QueryHandler(ListCertificateFormsQuery)
export class ListCertificateFormsHandler implements IQueryHandler<ListCertificateFormsQuery> {
  constructor(@Inject(CERTIFICATE_FORM_STORE) private readonly forms: CertificateFormStore) {}

  async execute({ user, province }: ListCertificateFormsQuery): Promise<CertificateFormList> {
    const p = provinceOf(user, province);
    return { defaultFormId: defaultFormId(p), forms: (await this.forms.list(p)).map(formView) };
  }
}
