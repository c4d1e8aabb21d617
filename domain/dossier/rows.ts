import type { AwardType, NomineeKind, NomineeRecord, TitleHeld } from '../nomination/values';
import { normaliseText } from '../nomination/validation';
import { DOSSIER_COLUMNS, type DossierColumnKey } from './template';

/**
 * A unit's dossier list (danh sách đề nghị khen thưởng) as a table: the
 * template's Vietnamese headers, one nominee per row. Parsing is pure: the
 * caller turns an XLSX or CSV file into rows of text first. Every bad row is
 * reported with its row number as the user sees it in the sheet (the header
 * is row 1), and the caller creates nothing unless `problems` is empty.
 */

// The file reader and the spec take the template from here, with the parser.
export { DOSSIER_COLUMNS, dossierTemplateRows } from './template';

/** Award names as a Vietnamese user writes them, and the codes. */
const AWARD_NAMES: Readonly<Record<string, AwardType>> = {
  'cờ thi đua của ubnd tỉnh': 'ProvincialEmulationFlag',
  'cờ thi đua': 'ProvincialEmulationFlag',
  'chiến sĩ thi đua cấp tỉnh': 'ProvincialEmulationFighter',
  'tập thể lao động xuất sắc': 'ExcellentLabourCollective',
  'bằng khen của chủ tịch ubnd tỉnh': 'ProvincialCertificateOfMerit',
  'bằng khen': 'ProvincialCertificateOfMerit',
  provincialemulationflag: 'ProvincialEmulationFlag',
  provincialemulationfighter: 'ProvincialEmulationFighter',
  excellentlabourcollective: 'ExcellentLabourCollective',
  provincialcertificateofmerit: 'ProvincialCertificateOfMerit',
};

const KIND_NAMES: Readonly<Record<string, NomineeKind>> = {
  'cá nhân': 'individual',
  'tập thể': 'collective',
  individual: 'individual',
  collective: 'collective',
};

export interface DossierRowProblem {
  /** 1-based row of the sheet (the header is row 1). */
  readonly row: number;
  /** The template's header of the column at fault, when one is. */
  readonly column?: string;
  /** Stable: the web app words the problem by it (in Vietnamese), with `params`. */
  readonly code: DossierProblemCode | string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** The same in English, for logs and the CLI. */
  readonly reason: string;
}

/**
 * The row problems the parser finds. The API adds its own (a file it cannot
 * read, a quota, a campaign's refusal, a draft the decider refuses: by its
 * error code).
 */
export type DossierProblemCode =
  | 'HEADER_MISSING'
  | 'TOO_MANY_ROWS'
  | 'KIND_UNKNOWN'
  | 'NAME_EMPTY'
  | 'NAME_TOO_LONG'
  | 'AWARD_UNKNOWN'
  | 'ACHIEVEMENTS_EMPTY'
  | 'DATE_FORMAT'
  | 'DATE_IMPOSSIBLE'
  | 'BIRTH_DATE_FUTURE'
  | 'BIRTH_DATE_TOO_EARLY'
  | 'BIRTH_DATE_MISSING'
  | 'YEAR_FORMAT'
  | 'YEAR_IMPLAUSIBLE'
  | 'YEAR_AFTER_CAMPAIGN'
  | 'COLLECTIVE_GRASSROOTS'
  | 'DUPLICATE_ROW'
  | 'LIST_EMPTY';

type Why = { code: DossierProblemCode; params: Record<string, string | number>; reason: string };

/** One nominee of the list, ready to become a nomination. */
export interface DossierItem {
  /** Position in the list, 1-based. */
  readonly itemNo: number;
  /** The sheet row it came from. */
  readonly row: number;
  readonly kind: NomineeKind;
  readonly name: string;
  readonly dateOfBirth?: string;
  readonly position?: string;
  readonly personId?: string;
  readonly awardType: AwardType;
  readonly achievements: string;
  readonly record: NomineeRecord;
}

export interface ParsedDossier {
  readonly items: readonly DossierItem[];
  readonly problems: readonly DossierRowProblem[];
}

/** Header text compared loosely: NFC, case, spaces and a trailing "(*)" do not matter. */
function headerKey(text: string): string {
  return normaliseText(text)
    .toLowerCase()
    .replace(/\(\*\)|\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function valueKey(text: string): string {
  return normaliseText(text).toLowerCase().replace(/\s+/g, ' ');
}

/** dd/mm/yyyy (or yyyy-mm-dd) to an ISO date, or why not: 31/02/1985 is no date. */
export function parseDay(text: string): { iso: string } | Why {
  const t = text.trim();
  let d: number, m: number, y: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return { code: 'DATE_FORMAT', params: { value: t }, reason: `"${t}" is not a date dd/mm/yyyy` };
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1]!)
    return { code: 'DATE_IMPOSSIBLE', params: { value: t }, reason: `"${t}" is an impossible date` };
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { iso };
}

function parseYears(text: string): { years: number[] } | Why {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const years: number[] = [];
  for (const p of parts) {
    if (!/^\d{4}$/.test(p)) return { code: 'YEAR_FORMAT', params: { value: p }, reason: `"${p}" is not a year` };
    const y = Number(p);
    if (y < 1945 || y > 2200) {
      return { code: 'YEAR_IMPLAUSIBLE', params: { value: y }, reason: `${y} is not a plausible year` };
    }
    years.push(y);
  }
  return { years: [...new Set(years)].sort((a, b) => a - b) };
}

export interface ParseOptions {
  /** The campaign year the list is for: no title or rating may lie after it. */
  readonly campaignYear: number;
  /** Today's date (YYYY-MM-DD), from outside: a birth date may not lie after it. */
  readonly today: string;
  readonly maxRows?: number;
}

/**
 * Rows of text (the first is the header row) to dossier items, with every
 * problem found. Blank rows are skipped; a row number always names the row of
 * the sheet, blank ones counted.
 */
export function parseDossierRows(rows: readonly (readonly string[])[], options: ParseOptions): ParsedDossier {
  const problems: DossierRowProblem[] = [];
  const header = rows[0] ?? [];
  const index = new Map<DossierColumnKey, number>();
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    if (key.length === 0) return;
    const column = DOSSIER_COLUMNS.find(
      (c) => headerKey(c.header) === key || c.aliases.some((a) => headerKey(a) === key),
    );
    if (column && !index.has(column.key)) index.set(column.key, i);
  });
  for (const column of DOSSIER_COLUMNS) {
    if (column.required && !index.has(column.key)) {
      problems.push({
        row: 1,
        column: column.header,
        code: 'HEADER_MISSING',
        params: { header: column.header },
        reason: `the header "${column.header}" is missing`,
      });
    }
  }
  if (problems.length > 0) return { items: [], problems };

  const maxRows = options.maxRows ?? 2000;
  const items: DossierItem[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const rowNo = r + 1;
    const cell = (key: DossierColumnKey) => {
      const i = index.get(key);
      return i === undefined ? '' : normaliseText(cells[i] ?? '');
    };
    if (DOSSIER_COLUMNS.every((c) => c.key === 'no' || cell(c.key) === '')) continue;
    if (items.length >= maxRows) {
      problems.push({
        row: rowNo,
        code: 'TOO_MANY_ROWS',
        params: { max: maxRows },
        reason: `a list holds at most ${maxRows} nominees`,
      });
      break;
    }
    const before = problems.length;
    const fail = (
      key: DossierColumnKey | undefined,
      code: DossierProblemCode,
      params: Record<string, string | number>,
      reason: string,
    ) =>
      problems.push({
        row: rowNo,
        ...(key ? { column: DOSSIER_COLUMNS.find((c) => c.key === key)!.header } : {}),
        code,
        params,
        reason,
      });
    const failWith = (key: DossierColumnKey, why: Why) => fail(key, why.code, why.params, why.reason);

    const kind = KIND_NAMES[valueKey(cell('kind'))];
    if (!kind) {
      fail('kind', 'KIND_UNKNOWN', { value: cell('kind') }, `"${cell('kind')}" is neither "Cá nhân" nor "Tập thể"`);
    }
    const name = cell('name');
    if (name.length === 0) fail('name', 'NAME_EMPTY', {}, 'the name is empty');
    else if (name.length > 300) fail('name', 'NAME_TOO_LONG', { max: 300 }, 'the name is longer than 300 characters');
    const award = AWARD_NAMES[valueKey(cell('award'))];
    if (!award) {
      fail(
        'award',
        'AWARD_UNKNOWN',
        { value: cell('award') },
        `"${cell('award')}" is not an award this list can propose`,
      );
    }
    const achievements = cell('achievements');
    if (achievements.length === 0) fail('achievements', 'ACHIEVEMENTS_EMPTY', {}, 'the achievements are empty');

    let dateOfBirth: string | undefined;
    const dob = cell('dateOfBirth');
    if (dob.length > 0) {
      const parsed = parseDay(dob);
      if ('reason' in parsed) failWith('dateOfBirth', parsed);
      else if (parsed.iso > options.today) {
        fail('dateOfBirth', 'BIRTH_DATE_FUTURE', { value: dob }, `${dob} lies in the future`);
      } else if (parsed.iso < '1900-01-01') {
        fail('dateOfBirth', 'BIRTH_DATE_TOO_EARLY', { value: dob }, `${dob} is before 1900`);
      } else dateOfBirth = parsed.iso;
    } else if (kind === 'individual') {
      fail('dateOfBirth', 'BIRTH_DATE_MISSING', {}, 'an individual needs a date of birth');
    }

    const yearsOf = (key: 'grassrootsYears' | 'excellentYears'): number[] => {
      const parsed = parseYears(cell(key));
      if ('reason' in parsed) {
        failWith(key, parsed);
        return [];
      }
      const late = parsed.years.find((y) => y > options.campaignYear);
      if (late !== undefined) {
        fail(
          key,
          'YEAR_AFTER_CAMPAIGN',
          { year: late, campaignYear: options.campaignYear },
          `${late} is after the campaign year ${options.campaignYear}`,
        );
      }
      return parsed.years;
    };
    const grassroots = yearsOf('grassrootsYears');
    const excellent = yearsOf('excellentYears');
    if (kind === 'collective' && grassroots.length > 0) {
      fail('grassrootsYears', 'COLLECTIVE_GRASSROOTS', {}, 'a collective holds no Grassroots Emulation Fighter title');
    }

    if (kind && name) {
      const key = `${kind}\n${valueKey(name)}\n${dateOfBirth ?? ''}\n${award ?? ''}`;
      const first = seen.get(key);
      if (first !== undefined) {
        fail('name', 'DUPLICATE_ROW', { firstRow: first }, `the same nominee and award are already on row ${first}`);
      } else seen.set(key, rowNo);
    }
    if (problems.length > before || !kind || !award) continue;

    const titles: TitleHeld[] = grassroots.map((year) => ({ year, title: 'GrassrootsEmulationFighter' }));
    const position = cell('position');
    const personId = cell('personId');
    items.push({
      itemNo: items.length + 1,
      row: rowNo,
      kind,
      name,
      ...(dateOfBirth ? { dateOfBirth } : {}),
      ...(position ? { position } : {}),
      ...(personId ? { personId } : {}),
      awardType: award,
      achievements,
      record: { titles, ratings: excellent.map((year) => ({ year, rating: 'Excellent' as const })), initiatives: [] },
    });
  }
  if (items.length === 0 && problems.length === 0)
    problems.push({ row: 2, code: 'LIST_EMPTY', params: {}, reason: 'the list has no nominee' });
  return { items, problems };
}
