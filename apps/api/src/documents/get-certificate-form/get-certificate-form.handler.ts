import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CertificateFormStore } from '@laurel/infra/documents';
import { ApiError } from '../../common/api-error';
import type { CertificateFormView } from '../certificate-schemas';
import { formView } from '../certificate-form-view';
import { provinceOf } from '../document-access';
import { CERTIFICATE_FORM_STORE } from '../documents.tokens';
import { GetCertificateFormQuery } from './get-certificate-form.query';

@QueryHandler(GetCertificateFormQuery)
export class GetCertificateFormHandler implements IQueryHandler<GetCertificateFormQuery> {
  constructor(@Inject(CERTIFICATE_FORM_STORE) private readonly forms: CertificateFormStore) {}

  async execute({ user, formId, query }: GetCertificateFormQuery): Promise<CertificateFormView> {
    const province = provinceOf(user, query.province);
    const form = await this.forms.find(province, formId, query.version);
    if (!form) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        `no certificate form ${formId}${query.version ? ` v${query.version}` : ''}`,
        {
          formId,
          ...(query.version ? { version: query.version } : {}),
        },
      );
    }
    return formView(form);
  }
}
