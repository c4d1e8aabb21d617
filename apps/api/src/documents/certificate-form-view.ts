import { defaultFormId, type CertificateForm } from '@laurel/infra/documents';
import type { CertificateFormView } from './certificate-schemas';

export function formView(form: CertificateForm): CertificateFormView {
  return {
    formId: form.formId,
    province: form.province,
    name: form.name,
    version: form.version,
    page: form.page,
    fields: form.fields,
    ...(form.changedBy ? { changedBy: form.changedBy } : {}),
    ...(form.changedAt ? { changedAt: form.changedAt } : {}),
    isDefault: defaultFormId(form.province) === form.formId,
  };
}
