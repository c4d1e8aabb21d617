import { isIsoDate, isIsoInstant } from '../policy/calendar';
import type { DraftContent } from './commands';
import {
  EVIDENCE_KINDS,
  isAwardType,
  isLocalAwardType,
  NATIONAL_AWARD_TYPES,
  INITIATIVE_SCOPES,
  type AwardType,
  type Evidence,
  type Nominee,
  type NomineeRecord,
} from './values';

/** One thing wrong with a command's input. */
export type Problem = { readonly field: string; readonly message: string };

/**
 * Text as stored: NFC (so "Nguyễn" typed with combining marks equals the
 * precomposed one) and trimmed.
 */
export function normaliseText(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * A provincial decision number: sequence, optionally a year, then "QĐ-" and the
 * issuing office, e.g. '163/QĐ-UBND' or '2010/QĐ-CT'.
 */
const DECISION_NUMBER = /^[1-9]\d{0,5}(\/(19|20)\d{2})?\/QĐ-[A-ZĐ]{2,12}$/u;

export function normaliseDecisionNumber(value: string): string {
  return normaliseText(value).replace(/\s+/g, '').toUpperCase();
}

export function isDecisionNumber(value: string): boolean {
  return DECISION_NUMBER.test(normaliseDecisionNumber(value));
}

/** A draft's campaign and dossier ids as stored: trimmed NFC, absent when not given. */
export function membershipOf(command: { readonly campaignId?: string; readonly dossierId?: string }): {
  campaignId?: string;
  dossierId?: string;
} {
  const campaignId = typeof command.campaignId === 'string' ? normaliseText(command.campaignId) : '';
  const dossierId = typeof command.dossierId === 'string' ? normaliseText(command.dossierId) : '';
  return { ...(campaignId ? { campaignId } : {}), ...(dossierId ? { dossierId } : {}) };
}

/** Collects problems while normalising, so a caller sees every bad field at once. */
export class InputChecker {
  readonly problems: Problem[] = [];

  fail(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** Required text: NFC, trimmed, non-empty, at most `max` characters. */
  text(field: string, value: unknown, max = 500): string {
    if (typeof value !== 'string') {
      this.fail(field, 'must be text');
      return '';
    }
    const text = normaliseText(value);
    if (text.length === 0) this.fail(field, 'must not be empty');
    else if (text.length > max) this.fail(field, `must be at most ${max} characters`);
    return text;
  }

  /** Optional text: undefined, or blank after trimming, reads as absent. */
  optionalText(field: string, value: unknown, max = 2000): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.fail(field, 'must be text');
      return undefined;
    }
    const text = normaliseText(value);
    if (text.length > max) this.fail(field, `must be at most ${max} characters`);
    return text.length === 0 ? undefined : text;
  }

  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(field, `must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  /** A national code, or a local one by its shape; the policy then says whether it defines it. */
  awardType(field: string, value: unknown): AwardType {
    if (!isAwardType(value)) {
      this.fail(field, `must be one of ${NATIONAL_AWARD_TYPES.join(', ')} or a local code local/<definer>/<name>`);
    }
    return value as AwardType;
  }

  integer(field: string, value: unknown, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `must be an integer from ${min} to ${max}`);
      return 0;
    }
    return value;
  }

  instant(field: string, value: unknown): string {
    if (typeof value !== 'string' || !isIsoInstant(value)) {
      this.fail(field, 'must be an ISO-8601 instant with a zone, e.g. 2024-12-20T09:00:00+07:00');
      return '';
    }
    return value;
  }

  date(field: string, value: unknown): string {
    if (typeof value !== 'string' || !isIsoDate(value)) {
      this.fail(field, 'must be a date YYYY-MM-DD');
      return '';
    }
    return value;
  }

  idList(field: string, value: unknown): string[] {
    if (!Array.isArray(value)) {
      this.fail(field, 'must be a list');
      return [];
    }
    const ids = value.map((v, i) => this.text(`${field}[${i}]`, v, 200));
    return [...new Set(ids)];
  }

  nominee(field: string, value: Nominee): Nominee {
    if (typeof value !== 'object' || value === null) {
      this.fail(field, 'is required');
      return value;
    }
    const personId = this.optionalText(`${field}.personId`, value.personId, 200);
    const position = this.optionalText(`${field}.position`, value.position, 200);
    return {
      kind: this.oneOf(`${field}.kind`, value.kind, ['individual', 'collective']),
      name: this.text(`${field}.name`, value.name, 300),
      unitId: this.text(`${field}.unitId`, value.unitId, 200),
      ...(personId !== undefined ? { personId } : {}),
      ...(position !== undefined ? { position } : {}),
      ...(value.frontLine !== undefined ? { frontLine: value.frontLine === true } : {}),
      ...(value.hardshipArea !== undefined ? { hardshipArea: value.hardshipArea === true } : {}),
    };
  }

  record(field: string, value: NomineeRecord): NomineeRecord {
    if (typeof value !== 'object' || value === null) {
      this.fail(field, 'is required');
      return value;
    }
    const list = <T>(name: string, items: readonly T[] | undefined): readonly T[] => {
      if (!Array.isArray(items)) {
        this.fail(`${field}.${name}`, 'must be a list');
        return [];
      }
      return items;
    };
    const titles = list('titles', value.titles).map((t, i) => ({
      year: this.integer(`${field}.titles[${i}].year`, t.year, 1945, 2200),
      // A local award held before is a title too (a block's certificate, say).
      title: isLocalAwardType(t.title)
        ? t.title
        : this.oneOf(`${field}.titles[${i}].title`, t.title, [
            ...NATIONAL_AWARD_TYPES,
            'GrassrootsEmulationFighter',
            'AdvancedWorker',
            'AdvancedLabourCollective',
            'CertificateOfCommendation',
          ]),
      ...(t.decisionNumber !== undefined
        ? { decisionNumber: this.text(`${field}.titles[${i}].decisionNumber`, t.decisionNumber, 100) }
        : {}),
    }));
    const ratings = list('ratings', value.ratings).map((r, i) => ({
      year: this.integer(`${field}.ratings[${i}].year`, r.year, 1945, 2200),
      rating: this.oneOf(`${field}.ratings[${i}].rating`, r.rating, ['Excellent', 'Good', 'Completed', 'NotCompleted']),
    }));
    const initiatives = list('initiatives', value.initiatives).map((x, i) => ({
      year: this.integer(`${field}.initiatives[${i}].year`, x.year, 1945, 2200),
      title: this.text(`${field}.initiatives[${i}].title`, x.title, 500),
      scope: this.oneOf(`${field}.initiatives[${i}].scope`, x.scope, INITIATIVE_SCOPES),
    }));
    const stats = value.memberStats;
    let memberStats: NomineeRecord['memberStats'];
    if (stats !== undefined) {
      const memberCount = this.integer(`${field}.memberStats.memberCount`, stats.memberCount, 1, 1_000_000);
      const part = (name: 'completedTasks' | 'advancedWorkers' | 'grassrootsFighters') =>
        this.integer(`${field}.memberStats.${name}`, stats[name], 0, Math.max(memberCount, 0));
      memberStats = {
        memberCount,
        completedTasks: part('completedTasks'),
        advancedWorkers: part('advancedWorkers'),
        grassrootsFighters: part('grassrootsFighters'),
      };
    }
    const flags = value.flags === undefined ? undefined : { ...value.flags };
    return {
      titles,
      ratings,
      initiatives,
      ...(memberStats !== undefined ? { memberStats } : {}),
      ...(flags !== undefined ? { flags } : {}),
    };
  }

  evidence(field: string, value: readonly Evidence[], requireSome = false): Evidence[] {
    if (!Array.isArray(value)) {
      this.fail(field, 'must be a list');
      return [];
    }
    if (requireSome && value.length === 0) this.fail(field, 'must list at least one document');
    const docs = value.map((e: Evidence, i) => {
      const sha256 = typeof e?.sha256 === 'string' ? e.sha256.trim().toLowerCase() : '';
      if (!/^[0-9a-f]{64}$/.test(sha256)) this.fail(`${field}[${i}].sha256`, 'must be 64 hexadecimal characters');
      return {
        documentId: this.text(`${field}[${i}].documentId`, e?.documentId, 200),
        title: this.text(`${field}[${i}].title`, e?.title, 500),
        kind: this.oneOf(`${field}[${i}].kind`, e?.kind, EVIDENCE_KINDS),
        sizeBytes: this.integer(`${field}[${i}].sizeBytes`, e?.sizeBytes, 1, Number.MAX_SAFE_INTEGER),
        sha256,
      };
    });
    const ids = docs.map((d) => d.documentId);
    if (new Set(ids).size !== ids.length) this.fail(field, 'lists a document twice');
    return docs;
  }

  /** Validates and normalises the editable draft fields that are present. */
  draftContent(value: Partial<DraftContent>): Partial<{ -readonly [K in keyof DraftContent]: DraftContent[K] }> & {
    evidence?: Evidence[];
  } {
    return {
      ...(value.nominee !== undefined ? { nominee: this.nominee('nominee', value.nominee) } : {}),
      ...(value.awardType !== undefined ? { awardType: this.awardType('awardType', value.awardType) } : {}),
      ...(value.campaignYear !== undefined
        ? { campaignYear: this.integer('campaignYear', value.campaignYear, 2000, 2200) }
        : {}),
      ...(value.achievements !== undefined
        ? { achievements: this.text('achievements', value.achievements, 20_000) }
        : {}),
      ...(value.record !== undefined ? { record: this.record('record', value.record) } : {}),
      ...(value.evidence !== undefined ? { evidence: this.evidence('evidence', value.evidence) } : {}),
    };
  }
}
