import type { SearchAttributePair } from '@temporalio/common';
import {
  awardNameIn,
  defaultPolicies,
  isNationalAwardType,
  type AwardName,
  type AwardType,
  type NationalAwardType,
  type NomineeKind,
} from '@laurel/domain';
import { NominationTitle } from '@laurel/workflows/nomination/search-attributes';

/** The award names of domain/policy/awards.ts: Vietnamese as the decision writes it, English in brackets for admins. */
const AWARD_NAMES: Readonly<Record<NationalAwardType, string>> = {
  ProvincialEmulationFlag: 'Cờ thi đua của UBND tỉnh (Provincial Emulation Flag)',
  ProvincialEmulationFighter: 'Chiến sĩ thi đua cấp tỉnh (Provincial Emulation Fighter)',
  ExcellentLabourCollective: 'Tập thể lao động xuất sắc (Excellent Labour Collective)',
  ProvincialCertificateOfMerit: 'Bằng khen của Chủ tịch UBND tỉnh (Provincial Certificate of Merit)',
};

function localAwardLabel(name: AwardName): string {
  return `${name.vi} (${name.en})`;
}

const NOMINEE_KINDS: Readonly<Record<NomineeKind, string>> = {
  individual: 'cá nhân (individual)',
  collective: 'tập thể (collective)',
};

/** Why a closed nomination's workflow runs again; it heads that run's summary. */
const REOPENED_FOR = {
  RevokeAward: 'Thu hồi khen thưởng (Award revoked)',
  RecordDocument: 'Ghi nhận văn bản (Document recorded)',
} as const;
export type ReopenReason = keyof typeof REOPENED_FOR;

/**
 * The server caps a summary near 400 bytes as stored, and the payload codec
 * adds about 110 bytes of framing, key id and tag: the text stays well under.
 */
const SUMMARY_MAX_BYTES = 240;

export interface NominationLabel {
  readonly nominationId: string;
  readonly nomineeName: string;
  readonly nomineeKind: NomineeKind;
  readonly awardType: AwardType;
  readonly campaignYear: number;
  readonly unitId: string;
  /** From the directory; the id stands in when the unit is unknown there. */
  readonly unitName: string | undefined;
}

/** What admins read in the Temporal UI instead of a bare workflow id. */
export interface WorkflowMetadata {
  /** One plain-text line: the list and the detail page's header. */
  readonly staticSummary: string;
  /** Markdown, on the detail page. */
  readonly staticDetails: string;
  /** The same who/what as fields, for tools that read the memo (`temporal workflow list -o json`). */
  readonly memo: Readonly<Record<string, string | number>>;
  /** The summary line again as the `NominationTitle` search attribute: a column of the UI's list, and a filter. */
  readonly typedSearchAttributes: SearchAttributePair[];
}

/**
 * Who and what, and no more: the nominee's name is the only personal datum,
 * since the summary sits in Temporal's store beside the history. The API's
 * client runs summary, details and memo through the payload codec like every
 * payload, so they are stored encrypted and read through the codec endpoint.
 * The `NominationTitle` search attribute is the exception, as every search
 * attribute is plain text in the visibility store: it is what lets the UI's
 * list show and filter who and what, and a name is what the published
 * decision shows anyway.
 */
export function workflowMetadataFor(label: NominationLabel, reopenedFor?: ReopenReason): WorkflowMetadata {
  const award = isNationalAwardType(label.awardType)
    ? AWARD_NAMES[label.awardType]
    : localAwardLabel(awardNameIn(defaultPolicies, label.awardType));
  const unit = label.unitName ?? label.unitId;
  const head = reopenedFor ? `${REOPENED_FOR[reopenedFor]}: ` : '';
  const full = `${head}${label.nomineeName} · ${award} · ${unit}`;
  const short = `${head}${label.nomineeName} · ${award}`;
  const staticSummary = byteLength(full) <= SUMMARY_MAX_BYTES ? full : cutToBytes(short, SUMMARY_MAX_BYTES);
  const staticDetails = [
    ...(reopenedFor ? [`**${REOPENED_FOR[reopenedFor]}**`, ''] : []),
    `**Người được đề nghị (Nominee):** ${label.nomineeName}, ${NOMINEE_KINDS[label.nomineeKind]}`,
    `**Hình thức khen thưởng (Award):** ${award}`,
    `**Đơn vị đề nghị (Proposing unit):** ${unit} (\`${label.unitId}\`)`,
    `**Năm thi đua (Campaign year):** ${label.campaignYear}`,
    `**Mã hồ sơ (Nomination id):** \`${label.nominationId}\``,
  ].join('\n');
  return {
    staticSummary,
    staticDetails,
    memo: { nominee: label.nomineeName, award, unit, campaignYear: label.campaignYear },
    typedSearchAttributes: [{ key: NominationTitle, value: staticSummary }],
  };
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts whole characters (NFC text: a letter with its diacritics is one) and marks the cut. */
function cutToBytes(text: string, max: number): string {
  if (byteLength(text) <= max) return text;
  let out = '';
  for (const char of text) {
    if (byteLength(out + char + '…') > max) break;
    out += char;
  }
  return `${out}…`;
}
