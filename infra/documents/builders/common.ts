import {
  awardNameIn,
  defaultPolicies,
  isNationalAwardType,
  type ActiveState,
  type AwardType,
  type NationalAwardType,
  type NominationEvent,
  type NominationState,
} from '@laurel/domain';
import { fold, redactSecretBallots } from '@laurel/domain';

/** Names of the directory's entries, as the documents print them. */
export interface DocumentNames {
  province(provinceId: string): string;
  unit(unitId: string): string;
  block(blockId: string): string;
  /** A person's full name; the id itself when the directory does not know it. */
  person(userId: string): string;
}

/** One nomination as a document shows it: its state folded up to its record version, secret ballots sealed. */
export interface NominationRecord {
  readonly state: ActiveState;
  /** Stream version of the last event that is not a DocumentIssued. */
  readonly recordVersion: number;
}

/**
 * Splits a stream into the record a document reads and the nomination as it
 * stands. Documents issued from a record are not part of it: recording one
 * must not change what the next build of the same record prints, or the same
 * record would never give the same bytes twice.
 */
export function recordOf(events: readonly NominationEvent[]): { record?: NominationRecord; current: NominationState } {
  const current = fold(events);
  let recordVersion = events.length;
  while (recordVersion > 0 && events[recordVersion - 1]!.type === 'DocumentIssued') recordVersion--;
  const state = redactSecretBallots(fold(events.slice(0, recordVersion)));
  if (state.stage === 'Initial') return { current };
  return { record: { state, recordVersion }, current };
}

export const AWARD_NAMES_VI: Readonly<Record<NationalAwardType, string>> = {
  ProvincialEmulationFlag: 'Cờ thi đua của Ủy ban nhân dân tỉnh',
  ProvincialEmulationFighter: 'Danh hiệu Chiến sĩ thi đua cấp tỉnh',
  ExcellentLabourCollective: 'Danh hiệu Tập thể lao động xuất sắc',
  ProvincialCertificateOfMerit: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
};

/** An award's Vietnamese name as documents write it; a local award's comes from the policy that defines it. */
export function awardNameVi(awardType: AwardType): string {
  return isNationalAwardType(awardType) ? AWARD_NAMES_VI[awardType] : awardNameIn(defaultPolicies, awardType).vi;
}

/** The awards of a list, national ones in the order of AWARD_NAMES_VI then local ones, joined as a sentence. */
export function awardsPhrase(awards: readonly AwardType[]): string {
  const national = (Object.keys(AWARD_NAMES_VI) as NationalAwardType[]).filter((a) => awards.includes(a));
  const local = [...new Set(awards.filter((a) => !isNationalAwardType(a)))].sort();
  const names = [...national, ...local].map(awardNameVi);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
}

/** Decree 30: days below 10 and the months January and February take a leading zero. */
export function vietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** dd/mm/yyyy, for table cells. */
export function shortDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

const ZONE = 'Asia/Ho_Chi_Minh';

/** The province's calendar date of an instant (Viet Nam keeps one zone, UTC+7, without daylight saving). */
export function localDate(instant: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(instant))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Counts in documents are written with two digits: 03 cá nhân. */
export function count(n: number): string {
  return String(n).padStart(2, '0');
}

export function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

/** The latest of some ISO instants (documents date themselves by their record, never by the clock). */
export function latest(instants: readonly (string | undefined)[]): string {
  return instants.filter((i): i is string => i !== undefined).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

/** Records in a stable order: by nominee kind (collectives last), name, then id. */
export function ordered(records: readonly NominationRecord[]): NominationRecord[] {
  return [...records].sort((a, b) => {
    const na = a.state.nomination;
    const nb = b.state.nomination;
    if (na.nominee.kind !== nb.nominee.kind) return na.nominee.kind === 'individual' ? -1 : 1;
    return (
      na.nominee.name.localeCompare(nb.nominee.name, 'vi') ||
      (na.nominationId < nb.nominationId ? -1 : na.nominationId > nb.nominationId ? 1 : 0)
    );
  });
}

export function nomineeLine(state: ActiveState): string {
  const { nominee } = state.nomination;
  if (nominee.kind === 'collective') return nominee.name;
  return nominee.position ? `${nominee.name}, ${nominee.position}` : nominee.name;
}
