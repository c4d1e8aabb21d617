import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  certificatesFor,
  certificatesRecordedAt,
  defaultFormId,
  DocumentRecordError,
  renderCalibration,
  renderCertificates,
  type CertificateFormStore,
  type DocumentStore,
  type NominationRecord,
} from '@laurel/infra/documents';
import type { Directory } from '@laurel/infra/directory';
import type { Stores } from '@laurel/infra/runtime/stores';
import { ApiError } from '../../common/api-error';
import { DIRECTORY, STORES } from '../../tokens';
import { provinceOf } from '../document-access';
import { CERTIFICATE_FORM_STORE, DOCUMENT_STORE } from '../documents.tokens';
import { documentNames, readRecord } from '../record-reader';
import { PrintCertificatesQuery, type PrintedCertificates } from './print-certificates.query';

/** A file name from a decision number: "163/QĐ-UBND" → "163-QD-UBND". */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

@QueryHandler(PrintCertificatesQuery)
export class PrintCertificatesHandler implements IQueryHandler<PrintCertificatesQuery> {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CERTIFICATE_FORM_STORE) private readonly forms: CertificateFormStore,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ user, body }: PrintCertificatesQuery): Promise<PrintedCertificates> {
    const province = provinceOf(user, body.province);
    const formId = body.formId ?? defaultFormId(province);
    const form = await this.forms.find(province, formId, body.formVersion);
    if (!form) {
      throw new ApiError(404, 'NOT_FOUND', `no certificate form ${formId}`, {
        formId,
        ...(body.formVersion ? { formVersion: body.formVersion } : {}),
      });
    }
    if (body.calibration) {
      const print = await renderCalibration(form);
      return { ...print, filename: `calibration-${form.formId}-v${form.version}.pdf`, nominationIds: [] };
    }

    const ids = body.decisionNumber
      ? await this.documents.nominationIdsFor({ kind: 'decision', province, decisionNumber: body.decisionNumber })
      : [body.nominationId!];
    const read = await Promise.all(ids.map((id) => readRecord(this.stores, id)));
    // Another province's nomination is as absent as an unknown one.
    const records = read
      .map((r) => r.record)
      .filter((r): r is NominationRecord => r !== undefined && r.state.nomination.province === province);
    let certificates;
    try {
      certificates = certificatesFor(records, province, documentNames(this.directory), body.decisionNumber);
    } catch (error) {
      if (error instanceof DocumentRecordError) {
        throw new ApiError(404, 'NOTHING_TO_ISSUE', error.message, {
          ...error.details,
          ...(body.nominationId ? { nominationId: body.nominationId } : {}),
        });
      }
      throw error;
    }
    const what = body.decisionNumber ? `Quyết định ${body.decisionNumber}` : certificates[0]!.values.awardee;
    const print = await renderCertificates(form, certificates, {
      title: `Bằng khen — ${what}`,
      recordedAt: certificatesRecordedAt(certificates),
    });
    const name = body.decisionNumber ? slug(body.decisionNumber) : body.nominationId!;
    return {
      ...print,
      filename: `certificates-${name}-${form.formId}-v${form.version}.pdf`,
      nominationIds: certificates.map((c) => c.nominationId),
    };
  }
}
