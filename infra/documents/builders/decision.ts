import type { ClosedState } from '@laurel/domain';
import type { AdministrativeDocument } from '../model';
import { fill, type DocumentTemplate } from '../templates';
import {
  awardNameVi,
  awardsPhrase,
  count,
  latest,
  nomineeLine,
  ordered,
  upper,
  vietnameseDate,
  type DocumentNames,
  type NominationRecord,
} from './common';

export interface DecisionInput {
  readonly province: string;
  readonly decisionNumber: string;
  /** Every nomination of the province approved under this number. */
  readonly records: readonly NominationRecord[];
}

/** Why a list cannot make a decision document; the API answers 404/409 with it. */
export class DocumentRecordError extends Error {
  constructor(
    readonly code: 'NOTHING_TO_ISSUE' | 'RECORD_INCONSISTENT',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function approvedUnder(record: NominationRecord, decisionNumber: string): ClosedState | undefined {
  const { state } = record;
  if (state.stage !== 'Closed' || state.decision?.outcome !== 'approved') return undefined;
  return state.decision.decisionNumber === decisionNumber ? state : undefined;
}

/**
 * The decision (quyết định) with its attached list, from the nominations
 * approved under one number. Revoked awards stay on the list: the decision
 * was issued with them, and a revocation is a later decision of its own.
 */
export function buildDecision(
  input: DecisionInput,
  template: DocumentTemplate,
  names: DocumentNames,
): AdministrativeDocument {
  const states = ordered(input.records)
    .map((r) => approvedUnder(r, input.decisionNumber))
    .filter((s): s is ClosedState => s !== undefined);
  if (states.length === 0) {
    throw new DocumentRecordError('NOTHING_TO_ISSUE', `no nomination was approved under ${input.decisionNumber}`, {
      decisionNumber: input.decisionNumber,
    });
  }
  const dates = [...new Set(states.map((s) => s.decision!.decisionDate))];
  const signers = [...new Set(states.map((s) => s.decision!.decidedBy))];
  if (dates.length > 1 || signers.length > 1) {
    throw new DocumentRecordError(
      'RECORD_INCONSISTENT',
      `the nominations approved under ${input.decisionNumber} disagree on its date or signer`,
      { decisionNumber: input.decisionNumber, dates, signers },
    );
  }
  const decisionDate = dates[0]!;
  const province = names.province(input.province);
  const years = [...new Set(states.map((s) => s.nomination.campaignYear))].sort();
  const awards = awardsPhrase(states.map((s) => s.nomination.awardType));
  const values = {
    province,
    PROVINCE: upper(province),
    year: years.join(', '),
    count: count(states.length),
    awards,
    decisionNumber: input.decisionNumber,
    decisionDate: vietnameseDate(decisionDate),
  };
  const f = (text: string) => fill(text, values);
  return {
    kind: 'decision',
    title: `Quyết định ${input.decisionNumber}`,
    header: {
      ...(template.parentBody ? { parentBody: f(template.parentBody) } : {}),
      issuingBody: f(template.issuingBody),
      number: `Số: ${input.decisionNumber}`,
      placeAndDate: `${province}, ${vietnameseDate(decisionDate)}`,
    },
    heading: template.heading,
    subject: f(template.subject),
    body: [
      ...(template.authority ? [{ type: 'centred' as const, text: f(template.authority) }] : []),
      ...template.grounds.map((text) => ({ type: 'paragraph' as const, text: f(text), style: 'italic' as const })),
      { type: 'centred', text: 'QUYẾT ĐỊNH:' },
      ...template.articles.map((text, i) => ({ type: 'article' as const, label: `Điều ${i + 1}.`, text: f(text) })),
    ],
    signatures: template.signatures.map((s) => ({
      ...(s.authority ? { authority: f(s.authority) } : {}),
      title: f(s.title),
      name: names.person(signers[0]!),
    })),
    recipients: template.recipients.map(f),
    annex: {
      heading: f(template.annexHeading),
      subheading: f(template.annexSubheading),
      attachedTo: `(Kèm theo Quyết định số ${input.decisionNumber} ${vietnameseDate(decisionDate)} của Chủ tịch Ủy ban nhân dân tỉnh ${province})`,
      table: {
        columns: [
          { title: 'STT', width: 8, align: 'center' },
          { title: 'Họ và tên, chức vụ / Tên tập thể', width: 38 },
          { title: 'Đơn vị', width: 30 },
          { title: 'Hình thức khen thưởng', width: 24 },
        ],
        rows: states.map((s, i) => [
          String(i + 1),
          nomineeLine(s),
          names.unit(s.nomination.nominee.unitId),
          awardNameVi(s.nomination.awardType),
        ]),
      },
    },
    recordedAt: latest(states.map((s) => s.lastEventAt)),
    nominationIds: states.map((s) => s.nomination.nominationId),
  };
}
