import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FormVersionConflict, type CertificateFormStore } from '@laurel/infra/documents';
import { ApiError } from '../../common/api-error';
import { ApiErrorCode } from '../../common/error-codes';
import { CLOCK } from '../../tokens';
import { layoutIssues, type CertificateFormView } from '../certificate-schemas';
import { formView } from '../certificate-form-view';
import { provinceOf } from '../document-access';
import { CERTIFICATE_FORM_STORE } from '../documents.tokens';
import { ChangeCertificateFormCommand } from './change-certificate-form.command';

@CommandHandler(ChangeCertificateFormCommand)
export class ChangeCertificateFormHandler implements ICommandHandler<ChangeCertificateFormCommand> {
  constructor(
    @Inject(CERTIFICATE_FORM_STORE) private readonly forms: CertificateFormStore,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ user, formId, body }: ChangeCertificateFormCommand): Promise<CertificateFormView> {
    const province = provinceOf(user, body.province);
    const current = await this.forms.find(province, formId);
    if (!current) throw new ApiError(404, 'NOT_FOUND', `no certificate form ${formId}`, { formId });
    const page = body.page ?? current.page;
    const issues = layoutIssues(page, body.fields);
    if (issues.length > 0) {
      throw new ApiError(
        400,
        ApiErrorCode.INVALID_BODY,
        `invalid body: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        { issues },
      );
    }
    try {
      const saved = await this.forms.save(
        province,
        formId,
        { page, fields: body.fields },
        body.expectedVersion,
        user.userId,
        this.clock().toISOString(),
      );
      return formView(saved);
    } catch (error) {
      if (error instanceof FormVersionConflict) {
        throw new ApiError(409, 'STALE_FORM_VERSION', error.message, {
          formId,
          expectedVersion: error.expectedVersion,
          currentVersion: error.currentVersion,
        });
      }
      throw error;
    }
  }
}
