import {
  isNationalAwardType,
  type AwardType,
  type NationalAwardType,
  type InitiativeScope,
  type NomineeFlag,
  type NomineeKind,
  type Rating,
  type TitleCode,
} from '../nomination/values';
import { FLAG_TEXT, STAT_TEXT, type EligibilityRule } from './eligibility';
import type { AwardDefiner, AwardName, AwardRule, PolicySet } from './policy-set';

/** The national awards' names, as the law and the decisions write them. */
export const NATIONAL_AWARD_NAMES: Readonly<Record<NationalAwardType, AwardName>> = {
  ProvincialEmulationFlag: { vi: 'Cờ thi đua của UBND tỉnh', en: 'Provincial Emulation Flag' },
  ProvincialEmulationFighter: { vi: 'Chiến sĩ thi đua cấp tỉnh', en: 'Provincial Emulation Fighter' },
  ExcellentLabourCollective: { vi: 'Tập thể lao động xuất sắc', en: 'Excellent Labour Collective' },
  ProvincialCertificateOfMerit: {
    vi: 'Bằng khen của Chủ tịch UBND tỉnh',
    en: 'Certificate of Merit of the Provincial Chairman',
  },
};

export const NATIONAL_DEFINER: AwardDefiner = { kind: 'national', body: 'Quốc hội (Luật Thi đua, khen thưởng)' };

/** An award as a policy runs it, with the names and definer filled in. */
export interface AwardInEffect {
  readonly code: AwardType;
  readonly name: AwardName;
  readonly definedBy: AwardDefiner;
  readonly rule: AwardRule;
}

export function awardInEffect(code: AwardType, rule: AwardRule): AwardInEffect {
  const name = rule.name ?? (isNationalAwardType(code) ? NATIONAL_AWARD_NAMES[code] : { vi: code, en: code });
  return { code, name, definedBy: rule.definedBy ?? NATIONAL_DEFINER, rule };
}

/**
 * Whether a unit of `blockId` may be proposed for the award: a block's own
 * award is for its member units only; a province's and the law's are for all.
 */
export function awardOpenToBlock(rule: AwardRule, blockId: string): boolean {
  return rule.definedBy?.kind !== 'block' || rule.definedBy.blockId === blockId;
}

/**
 * The awards a policy runs through the provincial workflow, national first;
 * with `blockId`, other blocks' own awards are left out.
 */
export function awardsInEffect(policy: PolicySet, blockId?: string): AwardInEffect[] {
  return (Object.entries(policy.awards) as [AwardType, AwardRule | undefined][])
    .filter((entry): entry is [AwardType, AwardRule] => entry[1] !== undefined && entry[1].decidedBy === 'chairman')
    .filter(([, rule]) => blockId === undefined || awardOpenToBlock(rule, blockId))
    .map(([code, rule]) => awardInEffect(code, rule))
    .sort((a, b) => Number(a.definedBy.kind !== 'national') - Number(b.definedBy.kind !== 'national'));
}

const RATING_VI: Record<Rating, string> = {
  Excellent: 'hoàn thành xuất sắc nhiệm vụ',
  Good: 'hoàn thành tốt nhiệm vụ',
  Completed: 'hoàn thành nhiệm vụ',
  NotCompleted: 'không hoàn thành nhiệm vụ',
};

const KIND_VI: Record<NomineeKind, string> = { individual: 'cá nhân', collective: 'tập thể' };

/** The unit-level titles eligibility reads (eligibility.ts). */
const UNIT_TITLE_NAMES: Readonly<Record<Exclude<TitleCode, AwardType>, AwardName>> = {
  GrassrootsEmulationFighter: { vi: 'Chiến sĩ thi đua cơ sở', en: 'Grassroots Emulation Fighter' },
  AdvancedWorker: { vi: 'Lao động tiên tiến', en: 'Advanced Worker' },
  AdvancedLabourCollective: { vi: 'Tập thể lao động tiên tiến', en: 'Advanced Labour Collective' },
  CertificateOfCommendation: { vi: 'Giấy khen', en: 'Certificate of Commendation' },
};

const SCOPE_VI: Readonly<Record<InitiativeScope, string>> = {
  unit: 'cơ sở',
  sector: 'cấp ngành',
  province: 'cấp tỉnh',
  national: 'toàn quốc',
};

const STAT_VI: Readonly<Record<keyof typeof STAT_TEXT, string>> = {
  completedTasks: 'hoàn thành nhiệm vụ',
  advancedWorkers: 'đạt Lao động tiên tiến',
  grassrootsFighters: 'đạt Chiến sĩ thi đua cơ sở',
};

const FLAG_VI: Readonly<Record<NomineeFlag, string>> = {
  acclaimedByBlock: 'được khối thi đua suy tôn dẫn đầu',
  exceededTargets: 'hoàn thành vượt mức chỉ tiêu thi đua trong năm',
  exemplary: 'tiêu biểu xuất sắc của tỉnh',
  newModels: 'có nhân tố mới, mô hình mới để học tập',
  underDisciplinaryReview: 'đang bị xem xét kỷ luật',
};

/** A title by its name in both languages; a code the tables do not know, as itself. */
function title(code: TitleCode): AwardName {
  if (isNationalAwardType(code)) return NATIONAL_AWARD_NAMES[code];
  return UNIT_TITLE_NAMES[code as Exclude<TitleCode, AwardType>] ?? { vi: code, en: code };
}

/** One line per rule, Vietnamese and English: what GET /awards shows beside each award. */
export function describeRule(rule: EligibilityRule): AwardName {
  switch (rule.kind) {
    case 'allOf':
    case 'anyOf': {
      const parts = rule.rules.map(describeRule);
      const [vi, en] = rule.kind === 'allOf' ? ['; và ', '; and '] : ['; hoặc ', '; or '];
      const wrap = (s: string) => (rule.rules.length > 1 ? `(${s})` : s);
      return { vi: wrap(parts.map((p) => p.vi).join(vi)), en: wrap(parts.map((p) => p.en).join(en)) };
    }
    case 'byNomineeKind': {
      const branches = (['individual', 'collective'] as const).flatMap((kind) => {
        const branch = rule[kind];
        return branch ? [{ kind, text: describeRule(branch) }] : [];
      });
      return {
        vi: branches.map((b) => `${KIND_VI[b.kind]}: ${b.text.vi}`).join('; '),
        en: branches.map((b) => `${b.kind}: ${b.text.en}`).join('; '),
      };
    }
    case 'consecutiveTitles':
      return {
        vi: `${rule.count} năm liên tục đạt ${title(rule.title).vi}`,
        en: `${title(rule.title).en} ${rule.count} years in a row`,
      };
    case 'consecutiveRatings':
      return rule.count === 1
        ? {
            vi: `được đánh giá ${RATING_VI[rule.rating]} trong năm xét`,
            en: `rated ${rule.rating} in the campaign year`,
          }
        : {
            vi: `${rule.count} năm liên tục được đánh giá ${RATING_VI[rule.rating]}`,
            en: `rated ${rule.rating} in each of the last ${rule.count} years`,
          };
    case 'initiatives':
      return {
        vi: `${rule.count} sáng kiến phạm vi từ ${SCOPE_VI[rule.minScope]} trở lên trong ${rule.withinYears} năm`,
        en: `${rule.count} initiative(s) of at least ${rule.minScope} scope within ${rule.withinYears} years`,
      };
    case 'titleInCampaignYear':
      return {
        vi: `đạt ${title(rule.title).vi} trong năm xét`,
        en: `holds ${title(rule.title).en} for the campaign year`,
      };
    case 'memberShare': {
      const all = rule.minRatio >= 1;
      const share = `${Math.round(rule.minRatio * 100)} %`;
      return {
        vi: `${all ? '' : 'ít nhất '}${share} thành viên ${STAT_VI[rule.stat]}`,
        en: `${all ? '' : 'at least '}${share} ${STAT_TEXT[rule.stat]}`,
      };
    }
    case 'memberCount':
      return {
        vi: `ít nhất ${rule.min} thành viên ${STAT_VI[rule.stat]}`,
        en: `at least ${rule.min} ${STAT_TEXT[rule.stat]}`,
      };
    case 'flag':
      return { vi: FLAG_VI[rule.flag], en: FLAG_TEXT[rule.flag] };
  }
}

/** The award's whole condition, with the registration rule when the policy turns it on. */
export function eligibilitySummary(award: AwardInEffect, policy: PolicySet): AwardName {
  const base = describeRule(award.rule.eligibility);
  if (policy.registrationRequired !== true) return base;
  return {
    vi: `${base.vi}; và đã được đơn vị đăng ký thi đua cho danh hiệu này trong năm xét`,
    en: `${base.en}; and registered by its unit for this title in the campaign year`,
  };
}

/**
 * An award's names wherever it is shown without its policy at hand (documents,
 * labels): the national table, else the latest rule set that defines the code,
 * else the code itself — never a blank.
 */
export function awardNameIn(registry: { readonly policies: readonly PolicySet[] }, code: AwardType): AwardName {
  if (isNationalAwardType(code)) return NATIONAL_AWARD_NAMES[code];
  const defining = registry.policies.filter((p) => p.awards[code]?.name !== undefined);
  const latest = defining.reduce<PolicySet | undefined>(
    (best, p) => (!best || p.effectiveFrom > best.effectiveFrom ? p : best),
    undefined,
  );
  return latest?.awards[code]?.name ?? { vi: code, en: code };
}
