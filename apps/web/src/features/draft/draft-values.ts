import { ApiProblem, type Schemas } from '../../api/client';
import { dayjs, PROVINCE_TIME_ZONE } from '../../lib/time';
import type { EvidenceItem } from './EvidenceEditor';

export type NomineeKind = 'individual' | 'collective';
type Summary = Schemas['NominationSummary'];

/** The draft form's values, as Ant Design's form holds them (every field may still be empty). */
export type DraftValues = {
  kind: NomineeKind;
  name?: string;
  position?: string;
  frontLine?: boolean;
  hardshipArea?: boolean;
  awardType?: Summary['awardType'];
  campaignYear?: number;
  achievements?: string;
  titles?: { year?: number; title?: string; decisionNumber?: string }[];
  ratings?: { year?: number; rating?: string }[];
  initiatives?: { year?: number; title?: string; scope?: string }[];
  memberStats?: {
    memberCount?: number;
    completedTasks?: number;
    advancedWorkers?: number;
    grassrootsFighters?: number;
  };
  evidence?: EvidenceItem[];
};

export function lastYear(): number {
  return Number(dayjs().tz(PROVINCE_TIME_ZONE).format('YYYY')) - 1;
}

/** The years a campaign or a record row may name. */
export function yearRange(): { min: number; max: number } {
  return { min: 2000, max: lastYear() + 1 };
}

export function newDraftValues(): DraftValues {
  return { kind: 'individual', campaignYear: lastYear(), titles: [], ratings: [], initiatives: [], evidence: [] };
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

/** The form as the API's draft body; undefined while what the API requires is not there yet. */
export function draftBodyOf(v: DraftValues): Record<string, unknown> | undefined {
  if (!trimmed(v.name) || !v.awardType || !v.campaignYear || !trimmed(v.achievements)) return undefined;
  const individual = v.kind === 'individual';
  const stats = v.memberStats;
  const hasStats =
    !individual &&
    stats &&
    [stats.memberCount, stats.completedTasks, stats.advancedWorkers, stats.grassrootsFighters].every(
      (n) => typeof n === 'number',
    );
  return {
    nominee: {
      kind: v.kind,
      name: trimmed(v.name),
      ...(trimmed(v.position) ? { position: trimmed(v.position) } : {}),
      ...(individual ? { frontLine: !!v.frontLine, hardshipArea: !!v.hardshipArea } : {}),
    },
    awardType: v.awardType,
    campaignYear: v.campaignYear,
    achievements: trimmed(v.achievements),
    record: {
      titles: (v.titles ?? [])
        .filter((t) => t?.year && t.title)
        .map((t) => ({
          year: t.year,
          title: t.title,
          ...(trimmed(t.decisionNumber) ? { decisionNumber: trimmed(t.decisionNumber) } : {}),
        })),
      ratings: (v.ratings ?? []).filter((r) => r?.year && r.rating).map((r) => ({ year: r.year, rating: r.rating })),
      initiatives: (v.initiatives ?? [])
        .filter((i) => i?.year && trimmed(i.title) && i.scope)
        .map((i) => ({ year: i.year, title: trimmed(i.title), scope: i.scope })),
      ...(hasStats ? { memberStats: stats } : {}),
    },
    evidence: (v.evidence ?? []).filter((e) => trimmed(e.title)).map((e) => ({ ...e, title: trimmed(e.title) })),
  };
}

/** A saved draft as the form's values, to go on editing it. */
export function draftValuesOf(n: Summary, evidence: readonly EvidenceItem[]): DraftValues {
  return {
    kind: n.nominee.kind,
    name: n.nominee.name,
    ...(n.nominee.position !== undefined ? { position: n.nominee.position } : {}),
    frontLine: !!n.nominee.frontLine,
    hardshipArea: !!n.nominee.hardshipArea,
    awardType: n.awardType,
    campaignYear: n.campaignYear,
    achievements: n.achievements,
    titles: n.record.titles.map((t) => ({ ...t })),
    ratings: n.record.ratings.map((r) => ({ ...r })),
    initiatives: n.record.initiatives.map((i) => ({ ...i })),
    ...(n.record.memberStats ? { memberStats: { ...n.record.memberStats } } : {}),
    evidence: [...evidence],
  };
}

/** An API field path (`record.titles.0.year`, `evidence[1].title`) as the form's name path, where the form has it. */
function formPath(path: string): (string | number)[] | undefined {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head, ...rest] = parts;
  if (head === 'nominee') return rest[0] === 'kind' ? ['kind'] : rest.slice(0, 1);
  if (head === 'record') return rest;
  if (head === 'evidence') return ['evidence'];
  return head === undefined ? undefined : [head];
}

function problemsOf(problem: unknown): { path: string; message: string }[] {
  if (!(problem instanceof ApiProblem)) return [];
  const list = (problem.details['issues'] ?? problem.details['problems']) as unknown;
  if (!Array.isArray(list)) return [];
  return list.map((p) => {
    const item = p as { path?: unknown; field?: unknown; message?: unknown };
    return { path: String(item.path ?? item.field ?? ''), message: String(item.message ?? '') };
  });
}

/** The API's refusal as messages on the form's fields, leaving out those the form does not have. */
export function fieldProblemsOf(problem: unknown): { name: (string | number)[]; message: string }[] {
  return problemsOf(problem)
    .map((p) => ({ name: formPath(p.path), message: p.message }))
    .filter((f): f is { name: (string | number)[]; message: string } => f.name !== undefined);
}
