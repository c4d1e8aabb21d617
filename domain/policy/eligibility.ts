import {
  type AwardType,
  INITIATIVE_SCOPES,
  type InitiativeScope,
  type MemberStats,
  type Nominee,
  type NomineeFlag,
  type NomineeKind,
  type NomineeRecord,
  type Rating,
  type TitleCode,
} from '../nomination/values';

/**
 * Eligibility as a small rule tree, so provinces can state their rules as data.
 * Every window of years ends in the campaign year: a title "3 times in a row"
 * means the campaign year and the two before it.
 */
export type EligibilityRule =
  | { readonly kind: 'allOf'; readonly rules: readonly EligibilityRule[] }
  | { readonly kind: 'anyOf'; readonly rules: readonly EligibilityRule[] }
  /** Different rules for individuals and collectives; a kind left out is not eligible. */
  | { readonly kind: 'byNomineeKind'; readonly individual?: EligibilityRule; readonly collective?: EligibilityRule }
  | { readonly kind: 'consecutiveTitles'; readonly title: TitleCode; readonly count: number }
  | { readonly kind: 'consecutiveRatings'; readonly rating: Rating; readonly count: number }
  | {
      readonly kind: 'initiatives';
      readonly count: number;
      /** Window length in years, ending in the campaign year. */
      readonly withinYears: number;
      readonly minScope: InitiativeScope;
    }
  | { readonly kind: 'titleInCampaignYear'; readonly title: TitleCode }
  | { readonly kind: 'memberShare'; readonly stat: 'completedTasks' | 'advancedWorkers'; readonly minRatio: number }
  | { readonly kind: 'memberCount'; readonly stat: 'grassrootsFighters'; readonly min: number }
  | { readonly kind: 'flag'; readonly flag: NomineeFlag };

export interface EligibilityResult {
  readonly eligible: boolean;
  /** Human-readable reasons for every rule that is not met. */
  readonly unmet: readonly string[];
  /** Human-readable descriptions of the rules that are met (kept in the submission event). */
  readonly met: readonly string[];
}

interface Subject {
  readonly nomineeKind: NomineeKind;
  readonly record: NomineeRecord;
  readonly campaignYear: number;
}

interface Outcome {
  readonly ok: boolean;
  readonly met: string[];
  readonly unmet: string[];
}

/** The English of each condition and member statistic, in reasons and in GET /awards' conditions (awards.ts). */
export const FLAG_TEXT: Record<NomineeFlag, string> = {
  acclaimedByBlock: 'acclaimed as a leading unit by its emulation block',
  exceededTargets: "exceeded the year's emulation targets",
  exemplary: 'exemplary in the province',
  newModels: 'has new models that others can learn from',
  underDisciplinaryReview: 'under disciplinary review',
};

export const STAT_TEXT: Record<'completedTasks' | 'advancedWorkers' | 'grassrootsFighters', string> = {
  completedTasks: 'members who completed their tasks',
  advancedWorkers: 'members who are Advanced Workers',
  grassrootsFighters: 'members who are Grassroots Emulation Fighters',
};

function yearsEnding(campaignYear: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => campaignYear - count + 1 + i);
}

function span(years: readonly number[]): string {
  return years.length === 1 ? `${years[0]}` : `${years[0]}–${years[years.length - 1]}`;
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10} %`;
}

function evaluateRule(rule: EligibilityRule, subject: Subject): Outcome {
  const { record, campaignYear } = subject;
  const leaf = (ok: boolean, metText: string, unmetText: string): Outcome =>
    ok ? { ok, met: [metText], unmet: [] } : { ok, met: [], unmet: [unmetText] };

  switch (rule.kind) {
    case 'allOf': {
      const parts = rule.rules.map((r) => evaluateRule(r, subject));
      return {
        ok: parts.every((p) => p.ok),
        met: parts.flatMap((p) => p.met),
        unmet: parts.flatMap((p) => p.unmet),
      };
    }
    case 'anyOf': {
      const parts = rule.rules.map((r) => evaluateRule(r, subject));
      const passing = parts.find((p) => p.ok);
      if (passing) return { ok: true, met: passing.met, unmet: [] };
      const alternatives = parts.map((p, i) => `(${i + 1}) ${p.unmet.join('; ')}`).join(' or ');
      return { ok: false, met: [], unmet: [`none of the alternatives is met: ${alternatives}`] };
    }
    case 'byNomineeKind': {
      const branch = rule[subject.nomineeKind];
      if (!branch) return leaf(false, '', `no eligibility rule for a ${subject.nomineeKind} nominee`);
      return evaluateRule(branch, subject);
    }
    case 'consecutiveTitles': {
      const years = yearsEnding(campaignYear, rule.count);
      const missing = years.filter((y) => !record.titles.some((t) => t.year === y && t.title === rule.title));
      return leaf(
        missing.length === 0,
        `${rule.count} consecutive ${rule.title} titles (${span(years)})`,
        `needs ${rule.title} in each year ${span(years)}; missing ${missing.join(', ')}`,
      );
    }
    case 'consecutiveRatings': {
      const years = yearsEnding(campaignYear, rule.count);
      const missing = years.filter((y) => !record.ratings.some((r) => r.year === y && r.rating === rule.rating));
      return leaf(
        missing.length === 0,
        `rated ${rule.rating} ${rule.count} years in a row (${span(years)})`,
        `needs the rating ${rule.rating} in each year ${span(years)}; missing ${missing.join(', ')}`,
      );
    }
    case 'initiatives': {
      const years = yearsEnding(campaignYear, rule.withinYears);
      const minRank = INITIATIVE_SCOPES.indexOf(rule.minScope);
      const found = record.initiatives.filter(
        (i) => years.includes(i.year) && INITIATIVE_SCOPES.indexOf(i.scope) >= minRank,
      ).length;
      const what = `${rule.count} initiative${rule.count === 1 ? '' : 's'} of at least ${rule.minScope} scope in ${span(years)}`;
      return leaf(found >= rule.count, what, `needs ${what}; found ${found}`);
    }
    case 'titleInCampaignYear': {
      const held = record.titles.some((t) => t.year === campaignYear && t.title === rule.title);
      return leaf(held, `holds ${rule.title} for ${campaignYear}`, `needs the title ${rule.title} for ${campaignYear}`);
    }
    case 'memberShare': {
      const stats = record.memberStats;
      if (!stats || stats.memberCount <= 0) {
        return leaf(false, '', `needs member statistics to check the share of ${STAT_TEXT[rule.stat]}`);
      }
      const share = stats[rule.stat] / stats.memberCount;
      // A small tolerance so 7/10 meets 70 % despite floating point.
      const ok = share + 1e-9 >= rule.minRatio;
      return leaf(
        ok,
        `${percent(share)} ${STAT_TEXT[rule.stat]} (at least ${percent(rule.minRatio)})`,
        `needs at least ${percent(rule.minRatio)} ${STAT_TEXT[rule.stat]}; has ${stats[rule.stat]} of ${stats.memberCount} (${percent(share)})`,
      );
    }
    case 'memberCount': {
      const stats: MemberStats | undefined = record.memberStats;
      const have = stats ? stats[rule.stat] : 0;
      return leaf(
        have >= rule.min,
        `${have} ${STAT_TEXT[rule.stat]} (at least ${rule.min})`,
        `needs at least ${rule.min} ${STAT_TEXT[rule.stat]}; has ${have}`,
      );
    }
    case 'flag': {
      const set = record.flags?.[rule.flag] === true;
      return leaf(set, FLAG_TEXT[rule.flag], `needs to be ${FLAG_TEXT[rule.flag]}`);
    }
  }
}

export function evaluateEligibility(
  rule: EligibilityRule,
  nomineeKind: NomineeKind,
  record: NomineeRecord,
  campaignYear: number,
): EligibilityResult {
  const outcome = evaluateRule(rule, { nomineeKind, record, campaignYear });
  return { eligible: outcome.ok, unmet: outcome.unmet, met: outcome.met };
}

/**
 * Decree 98 Art. 4: a nominee under review may not be proposed yet. The
 * decider defers (puts the nomination on hold) instead of rejecting it.
 */
export function isDeferred(record: NomineeRecord): boolean {
  return record.flags?.underDisciplinaryReview === true;
}

function normaliseForKey(text: string): string {
  return text.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/\s+/g, ' ');
}

/**
 * The "no double reward" key [law]: one achievement — nominee, award, campaign —
 * gets one award. The application keeps these keys unique across nominations.
 */
export function achievementKey(nominee: Nominee, awardType: AwardType, campaignYear: number): string {
  const who = nominee.personId
    ? `person:${normaliseForKey(nominee.personId)}`
    : `name:${normaliseForKey(nominee.name)}`;
  return [awardType, campaignYear, nominee.kind, normaliseForKey(nominee.unitId), who].join('|');
}

/**
 * [practice] one leading unit per block for the provincial flag: the application
 * keeps this key unique among live flag nominations when the policy asks for it.
 */
export function leadingUnitKey(province: string, blockId: string, campaignYear: number): string {
  return ['ProvincialEmulationFlag', normaliseForKey(province), normaliseForKey(blockId), campaignYear].join('|');
}
