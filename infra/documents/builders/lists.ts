import type { ActiveState } from '@laurel/domain';
import type { AdministrativeDocument, Block } from '../model';
import { fill, type DocumentTemplate } from '../templates';
import {
  awardNameVi,
  count,
  latest,
  localDate,
  nomineeLine,
  ordered,
  upper,
  vietnameseDate,
  type DocumentNames,
  type NominationRecord,
} from './common';
import { DocumentRecordError } from './decision';

interface Common {
  readonly province: string;
  readonly campaignYear: number;
  readonly records: readonly NominationRecord[];
}

function nothing(what: string, details: Record<string, unknown>): DocumentRecordError {
  return new DocumentRecordError('NOTHING_TO_ISSUE', `no nomination to put in ${what}`, details);
}

function head(
  template: DocumentTemplate,
  values: Record<string, string | number>,
  province: string,
  date: string,
): Pick<AdministrativeDocument, 'header' | 'heading' | 'subject'> {
  const f = (text: string) => fill(text, values);
  return {
    header: {
      ...(template.parentBody ? { parentBody: f(template.parentBody) } : {}),
      issuingBody: f(template.issuingBody),
      // Minutes and letters get their number from the issuer's register when signed: left blank to fill in.
      number: `Số:        /${f(template.symbol)}`,
      placeAndDate: `${province}, ${vietnameseDate(date)}`,
    },
    heading: template.heading,
    subject: f(template.subject),
  };
}

function paragraphs(texts: readonly string[], f: (t: string) => string, style?: 'italic'): Block[] {
  return texts.map((text) => ({ type: 'paragraph' as const, text: f(text), ...(style ? { style } : {}) }));
}

/** The proposal letter (tờ trình) of one unit: its submitted nominations of a campaign year. */
export function buildProposalLetter(
  input: Common & { readonly unitId: string },
  template: DocumentTemplate,
  names: DocumentNames,
): AdministrativeDocument {
  const states = ordered(input.records)
    .map((r) => r.state)
    .filter(
      (s) =>
        s.nomination.proposingUnitId === input.unitId &&
        s.nomination.campaignYear === input.campaignYear &&
        s.nomination.submittedAt !== undefined,
    );
  if (states.length === 0)
    throw nothing('the proposal letter', { unitId: input.unitId, campaignYear: input.campaignYear });
  const province = names.province(input.province);
  const unit = names.unit(input.unitId);
  const values = {
    province,
    PROVINCE: upper(province),
    unit,
    UNIT: upper(unit),
    year: input.campaignYear,
    count: count(states.length),
  };
  const f = (text: string) => fill(text, values);
  const submittedAt = latest(states.map((s) => s.nomination.submittedAt));
  // The head who submitted signs: the last proposal-stage participant is the submitter.
  const signer = states.find((s) => s.nomination.submittedAt === submittedAt)!.participants.proposal.at(-1);
  return {
    kind: 'proposal_letter',
    title: `Tờ trình đề nghị khen thưởng năm ${input.campaignYear} — ${unit}`,
    ...head(template, values, province, localDate(submittedAt)),
    body: [
      { type: 'centred', text: f(template.addressee) },
      ...paragraphs(template.grounds, f, 'italic'),
      ...paragraphs(template.opening, f),
      {
        type: 'table',
        table: {
          columns: [
            { title: 'STT', width: 7, align: 'center' },
            { title: 'Họ và tên, chức vụ / Tên tập thể', width: 35 },
            { title: 'Hình thức đề nghị', width: 28 },
            { title: 'Thành tích chủ yếu', width: 30 },
          ],
          rows: states.map((s, i) => [
            String(i + 1),
            nomineeLine(s),
            awardNameVi(s.nomination.awardType),
            s.nomination.achievements,
          ]),
        },
      },
      ...paragraphs(template.closing, f),
    ],
    signatures: template.signatures.map((s) => ({
      ...(s.authority ? { authority: f(s.authority) } : {}),
      title: f(s.title),
      name: signer ? names.person(signer) : '',
    })),
    recipients: template.recipients.map(f),
    recordedAt: latest(states.map((s) => s.lastEventAt)),
    nominationIds: states.map((s) => s.nomination.nominationId),
  };
}

const RESULT = (passed: boolean | undefined) => (passed ? 'Đạt' : 'Không đạt');

/** The block session's minutes: the block's vote on its nominations of a year, with the tallies. */
export function buildBlockMinutes(
  input: Common & { readonly blockId: string },
  template: DocumentTemplate,
  names: DocumentNames,
): AdministrativeDocument {
  const states = ordered(input.records)
    .map((r) => r.state)
    .filter(
      (s): s is ActiveState & { blockVote: NonNullable<ActiveState['blockVote']> } =>
        s.nomination.blockId === input.blockId &&
        s.nomination.campaignYear === input.campaignYear &&
        s.blockVote?.tally !== undefined,
    );
  if (states.length === 0)
    throw nothing('the block minutes', { blockId: input.blockId, campaignYear: input.campaignYear });
  const province = names.province(input.province);
  const block = names.block(input.blockId);
  const values = {
    province,
    PROVINCE: upper(province),
    block,
    BLOCK: upper(block),
    year: input.campaignYear,
    count: count(states.length),
  };
  const f = (text: string) => fill(text, values);
  const closedAt = latest(states.map((s) => s.blockVote.closedAt));
  return {
    kind: 'block_minutes',
    title: `Biên bản họp khối năm ${input.campaignYear} — ${block}`,
    ...head(template, values, province, localDate(closedAt)),
    body: [
      ...paragraphs(template.opening, f),
      {
        type: 'table',
        table: {
          columns: [
            { title: 'STT', width: 6, align: 'center' },
            { title: 'Đề nghị (đơn vị đề nghị)', width: 36 },
            { title: 'Hình thức', width: 20 },
            { title: 'Tán thành / Không / Phiếu trắng / Có quyền', width: 24, align: 'center' },
            { title: 'Kết quả', width: 14, align: 'center' },
          ],
          rows: states.map((s, i) => {
            const t = s.blockVote.tally!;
            return [
              String(i + 1),
              `${nomineeLine(s)} (${names.unit(s.nomination.proposingUnitId)})`,
              awardNameVi(s.nomination.awardType),
              `${t.approve} / ${t.reject} / ${t.abstain} / ${t.eligible}`,
              RESULT(t.passed),
            ];
          }),
        },
      },
      ...paragraphs(template.closing, f),
    ],
    // The record does not say who chaired or took the minutes: the names are written in when signed.
    signatures: template.signatures.map((s) => ({ title: f(s.title), name: '' })),
    recipients: template.recipients.map(f),
    recordedAt: latest(states.map((s) => s.lastEventAt)),
    nominationIds: states.map((s) => s.nomination.nominationId),
  };
}

/**
 * The council session's minutes: opinions on a set of nominations. Recused
 * members are named; with a secret ballot only the count of ballots shows,
 * never who chose what (the records are sealed before they get here).
 */
export function buildCouncilMinutes(
  input: Common,
  template: DocumentTemplate,
  names: DocumentNames,
): AdministrativeDocument {
  const states = ordered(input.records)
    .map((r) => r.state)
    .filter(
      (s): s is ActiveState & { council: NonNullable<ActiveState['council']> } =>
        s.nomination.campaignYear === input.campaignYear && s.council?.tally !== undefined,
    );
  if (states.length === 0) throw nothing('the council minutes', { campaignYear: input.campaignYear });
  const province = names.province(input.province);
  const values = { province, PROVINCE: upper(province), year: input.campaignYear, count: count(states.length) };
  const f = (text: string) => fill(text, values);
  const closedAt = latest(states.map((s) => s.council.closedAt));
  const openOpinions: Block[] = states.flatMap((s) =>
    s.council.secretBallot
      ? []
      : [
          {
            type: 'paragraph' as const,
            text: `Ý kiến đối với ${s.nomination.nominee.name}: ${s.council.opinions
              .map(
                (o) =>
                  `${names.person(o.memberId)} (${o.recommendation === 'approve' ? 'tán thành' : 'không tán thành'})`,
              )
              .join('; ')}.`,
          },
        ],
  );
  return {
    kind: 'council_minutes',
    title: `Biên bản họp Hội đồng Thi đua - Khen thưởng năm ${input.campaignYear}`,
    ...head(template, values, province, localDate(closedAt)),
    body: [
      ...paragraphs(template.opening, f),
      {
        type: 'table',
        table: {
          columns: [
            { title: 'STT', width: 6, align: 'center' },
            { title: 'Đề nghị', width: 30 },
            { title: 'Hình thức', width: 20 },
            { title: 'Hình thức biểu quyết; thành viên không tham gia', width: 22 },
            { title: 'Tán thành / Không / Có quyền', width: 12, align: 'center' },
            { title: 'Kết quả', width: 10, align: 'center' },
          ],
          rows: states.map((s, i) => {
            const t = s.council.tally!;
            const recused = s.council.recusedMemberIds.map((id) => names.person(id)).join(', ');
            return [
              String(i + 1),
              `${nomineeLine(s)} (${names.unit(s.nomination.proposingUnitId)})`,
              awardNameVi(s.nomination.awardType),
              `${s.council.secretBallot ? `Bỏ phiếu kín (${t.responded} phiếu)` : 'Biểu quyết công khai'}${recused ? `; không tham gia: ${recused}` : ''}`,
              `${t.approve} / ${t.reject} / ${t.eligible}`,
              RESULT(t.passed),
            ];
          }),
        },
      },
      ...openOpinions,
      ...paragraphs(template.closing, f),
    ],
    signatures: template.signatures.map((s) => ({ title: f(s.title), name: '' })),
    recipients: template.recipients.map(f),
    recordedAt: latest(states.map((s) => s.lastEventAt)),
    nominationIds: states.map((s) => s.nomination.nominationId),
  };
}
