import type { AwardType } from '@laurel/domain';
import type { AdministrativeDocument, Block } from '../model';
import { fill, type DocumentTemplate } from '../templates';
import { awardNameVi, count, localDate, upper, vietnameseDate, type DocumentNames } from './common';
import { DocumentRecordError } from './decision';

/** One item of a council session as its minutes print it: from the session's record, totals only. */
export interface CouncilSessionMinutesItem {
  readonly nominationId: string;
  readonly nomineeName: string;
  readonly proposingUnitId: string;
  readonly awardType: AwardType;
  readonly secretBallot: boolean;
  readonly recusedMemberIds: readonly string[];
  /** The item's council count; absent when the session closed without quorum. */
  readonly tally?: {
    readonly approve: number;
    readonly reject: number;
    readonly eligible: number;
    readonly responded: number;
    readonly passed: boolean;
  };
}

/** A closed council session's record, as the sessions read model holds it. */
export interface CouncilSessionMinutesInput {
  readonly sessionId: string;
  readonly province: string;
  readonly title: string;
  readonly campaignYear: number;
  readonly openedAt: string;
  readonly memberIds: readonly string[];
  /** Members who cast a ballot. */
  readonly presentMemberIds: readonly string[];
  readonly quorumRatio: number;
  readonly closed: {
    readonly at: string;
    readonly ballots: number;
    readonly memberCount: number;
    readonly quorumMet: boolean;
  };
  readonly items: readonly CouncilSessionMinutesItem[];
}

function percent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toLocaleString('vi-VN')}%`;
}

function people(ids: readonly string[], names: DocumentNames): string {
  return ids.length === 0 ? 'không có' : ids.map((id) => names.person(id)).join(', ');
}

/**
 * The minutes (biên bản) of one council meeting, built from its record: when
 * it sat, who of the council took part, whether it was quorate, and each
 * item's count. A secret item shows its totals and the number of ballots,
 * never a member's choice (the session's own stream never held it).
 */
export function buildCouncilSessionMinutes(
  input: CouncilSessionMinutesInput,
  template: DocumentTemplate,
  names: DocumentNames,
): AdministrativeDocument {
  if (input.items.length === 0) {
    throw new DocumentRecordError('NOTHING_TO_ISSUE', 'the session has no item', { sessionId: input.sessionId });
  }
  const province = names.province(input.province);
  const values = { province, PROVINCE: upper(province), year: input.campaignYear, count: count(input.items.length) };
  const f = (text: string) => fill(text, values);
  const present = new Set(input.presentMemberIds);
  const absent = input.memberIds.filter((m) => !present.has(m));
  const { closed } = input;
  const sat = localDate(input.openedAt);
  const record: Block[] = [
    { type: 'paragraph', text: `Phiên họp: ${input.title} (mã phiên ${input.sessionId}).` },
    {
      type: 'paragraph',
      text: `Thời gian: khai mạc ${vietnameseDate(sat)}, kết thúc ${vietnameseDate(localDate(closed.at))}.`,
    },
    {
      type: 'paragraph',
      text: `Thành phần: ${count(closed.memberCount)} thành viên Hội đồng; có mặt và bỏ phiếu: ${count(present.size)} thành viên (${people([...present], names)}); không bỏ phiếu: ${people(absent, names)}.`,
    },
    {
      type: 'paragraph',
      style: 'bold',
      text: `Số thành viên bỏ phiếu: ${closed.ballots}/${closed.memberCount}; tỷ lệ tối thiểu ${percent(input.quorumRatio)}. Phiên họp ${closed.quorumMet ? 'đủ' : 'không đủ'} số thành viên theo quy định${closed.quorumMet ? '' : ', các đề nghị chưa được biểu quyết'}.`,
    },
  ];
  return {
    kind: 'council_minutes',
    title: `Biên bản họp Hội đồng Thi đua - Khen thưởng — ${input.title}`,
    header: {
      ...(template.parentBody ? { parentBody: f(template.parentBody) } : {}),
      issuingBody: f(template.issuingBody),
      // The number comes from the Council's register when signed.
      number: `Số:        /${f(template.symbol)}`,
      placeAndDate: `${province}, ${vietnameseDate(localDate(closed.at))}`,
    },
    heading: template.heading,
    subject: f(template.subject),
    body: [
      ...record,
      ...template.opening.map((text) => ({ type: 'paragraph' as const, text: f(text) })),
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
          rows: input.items.map((item, i) => {
            const t = item.tally;
            const recused = item.recusedMemberIds.map((id) => names.person(id)).join(', ');
            const how = item.secretBallot ? `Bỏ phiếu kín (${t?.responded ?? 0} phiếu)` : 'Biểu quyết công khai';
            return [
              String(i + 1),
              `${item.nomineeName} (${names.unit(item.proposingUnitId)})`,
              awardNameVi(item.awardType),
              `${how}${recused ? `; không tham gia: ${recused}` : ''}`,
              t ? `${t.approve} / ${t.reject} / ${t.eligible}` : '—',
              t ? (t.passed ? 'Đạt' : 'Không đạt') : 'Chưa biểu quyết',
            ];
          }),
        },
      },
      ...template.closing.map((text) => ({ type: 'paragraph' as const, text: f(text) })),
    ],
    signatures: template.signatures.map((s) => ({ title: f(s.title), name: '' })),
    recipients: template.recipients.map(f),
    recordedAt: closed.at,
    nominationIds: input.items.map((i) => i.nominationId),
  };
}
