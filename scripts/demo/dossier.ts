import { createHash } from 'node:crypto';
import {
  awardNameIn,
  defaultPolicies,
  isNationalAwardType,
  type AwardType,
  type Evidence,
  type EvidenceKind,
  type NationalAwardType,
} from '@laurel/domain';

/**
 * Dossier documents for demo nominations. The files themselves are not
 * uploaded (Laurel keeps only title, kind, size and hash), so each hash is
 * taken over a stand-in text naming the document: the same demo nomination
 * always gets the same ids and hashes, run after run.
 */

export const AWARD_NAMES_VI: Readonly<Record<NationalAwardType, string>> = {
  ProvincialEmulationFlag: 'Cờ thi đua của UBND tỉnh',
  ProvincialEmulationFighter: 'danh hiệu Chiến sĩ thi đua cấp tỉnh',
  ExcellentLabourCollective: 'danh hiệu Tập thể lao động xuất sắc',
  ProvincialCertificateOfMerit: 'Bằng khen của Chủ tịch UBND tỉnh',
};

export interface DocumentSpec {
  readonly kind: EvidenceKind;
  readonly title: string;
}

export function document(scenarioKey: string, campaignYear: number, spec: DocumentSpec, index: number): Evidence {
  const documentId = `demo-${campaignYear}-${scenarioKey}-${index + 1}-${spec.kind.replace(/_/g, '-')}`;
  const sha256 = createHash('sha256').update(`${documentId}\n${spec.title}`, 'utf8').digest('hex');
  // A plausible scanned-PDF size, fixed by the hash so it too is the same every run.
  const sizeBytes = 120_000 + (parseInt(sha256.slice(0, 8), 16) % 2_400_000);
  return { documentId, title: spec.title, kind: spec.kind, sizeBytes, sha256 };
}

export interface BaseDossier {
  readonly awardType: AwardType;
  readonly nomineeName: string;
  readonly unitName: string;
  readonly campaignYear: number;
  /** The proposing unit's letter reference, e.g. `45/TTr-VPTU`. */
  readonly letterNumber: string;
}

/** Form 01 proposal letter, achievement report and unit council minutes: what every award needs. */
export function baseDocuments(d: BaseDossier): DocumentSpec[] {
  const award = isNationalAwardType(d.awardType)
    ? AWARD_NAMES_VI[d.awardType]
    : awardNameIn(defaultPolicies, d.awardType).vi;
  return [
    {
      kind: 'proposal_letter',
      title: `Tờ trình số ${d.letterNumber} đề nghị tặng ${award} năm ${d.campaignYear} cho ${d.nomineeName} (Mẫu số 01, Phụ lục I, Nghị định 98/2023/NĐ-CP)`,
    },
    {
      kind: 'achievement_report',
      title: `Báo cáo thành tích năm ${d.campaignYear} đề nghị tặng ${award} — ${d.nomineeName}`,
    },
    {
      kind: 'unit_council_minutes',
      title: `Biên bản họp Hội đồng Thi đua – Khen thưởng ${d.unitName} xét đề nghị khen thưởng năm ${d.campaignYear}`,
    },
  ];
}
