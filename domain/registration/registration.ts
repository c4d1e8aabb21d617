import type { LocalAwardType, NomineeKind } from '../nomination/values';
import { normaliseText } from '../nomination/validation';

/**
 * The start of the emulation year: units register their people and
 * collectives for titles (đăng ký thi đua), each block's members sign the
 * year's covenant (giao ước thi đua), and the block has a leader per period.
 * Each is a record of events on its own stream; these pure functions judge a
 * new fact against what the stream holds.
 */

/** Titles a unit may register for: the provincial awards and the unit-level ones. */
export const REGISTRABLE_TITLES = [
  'ProvincialEmulationFlag',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialCertificateOfMerit',
  'GrassrootsEmulationFighter',
  'AdvancedWorker',
  'AdvancedLabourCollective',
] as const;
/** A national or unit-level title, or a local award's code (local/…) that a province or block defines. */
export type RegistrableTitle = (typeof REGISTRABLE_TITLES)[number] | LocalAwardType;

export interface RegistrationEntry {
  readonly kind: NomineeKind;
  readonly name: string;
  readonly personId?: string;
  readonly title: RegistrableTitle;
}

export interface Stamp {
  readonly at: string;
  readonly by: { readonly userId: string; readonly role: string };
}

export const RegistrationEventType = {
  TitlesRegistered: 'TitlesRegistered',
  CovenantSigned: 'CovenantSigned',
  BlockLeaderSet: 'BlockLeaderSet',
} as const;

export interface TitlesRegistered extends Stamp {
  readonly unitId: string;
  readonly year: number;
  readonly entries: readonly RegistrationEntry[];
}

export interface CovenantSigned extends Stamp {
  readonly blockId: string;
  readonly year: number;
  readonly unitId: string;
}

/** The leader from `fromYear` on, through `toYear` when given (open-ended otherwise). */
export interface BlockLeaderSet extends Stamp {
  readonly blockId: string;
  readonly unitId: string;
  readonly fromYear: number;
  readonly toYear?: number;
}

export type Refusal = { readonly code: string; readonly message: string; readonly details?: Record<string, unknown> };

export function registrationStreamName(unitId: string, year: number): string {
  return `registration-${unitId}-${year}`;
}
export function covenantStreamName(blockId: string, year: number): string {
  return `covenant-${blockId}-${year}`;
}
export function blockLeadersStreamName(blockId: string): string {
  return `block-leaders-${blockId}`;
}

function key(e: { kind: string; name: string; personId?: string }): string {
  return `${e.kind}\n${e.personId ?? normaliseText(e.name).toLowerCase()}`;
}

/** The entries not yet registered, or why the registration is refused. Registering one again is a no-op. */
export function newRegistrations(
  already: readonly TitlesRegistered[],
  entries: readonly RegistrationEntry[],
): { readonly entries: RegistrationEntry[] } | Refusal {
  const held = new Map<string, string>();
  for (const r of already) for (const e of r.entries) held.set(key(e), e.title);
  const fresh: RegistrationEntry[] = [];
  for (const [i, e] of entries.entries()) {
    const name = normaliseText(e.name);
    if (!name) return { code: 'INVALID_COMMAND', message: `entries[${i}].name must not be empty` };
    if (
      e.kind === 'individual' &&
      (e.title === 'AdvancedLabourCollective' ||
        e.title === 'ExcellentLabourCollective' ||
        e.title === 'ProvincialEmulationFlag')
    ) {
      return { code: 'AWARD_NOT_FOR_NOMINEE_KIND', message: `entries[${i}]: ${e.title} is for collectives` };
    }
    if (
      e.kind === 'collective' &&
      (e.title === 'GrassrootsEmulationFighter' ||
        e.title === 'AdvancedWorker' ||
        e.title === 'ProvincialEmulationFighter')
    ) {
      return { code: 'AWARD_NOT_FOR_NOMINEE_KIND', message: `entries[${i}]: ${e.title} is for individuals` };
    }
    const k = key({ ...e, name });
    const title = held.get(k);
    if (title === e.title) continue;
    if (title !== undefined) {
      return {
        code: 'ALREADY_REGISTERED',
        message: `${name} is already registered for ${title} this year`,
        details: { name, title },
      };
    }
    held.set(k, e.title);
    fresh.push({ kind: e.kind, name, title: e.title, ...(e.personId ? { personId: e.personId } : {}) });
  }
  return { entries: fresh };
}

/** "Registered for this title this year": what a province's rule reads from the nominee's record. */
export function isRegistered(
  registrations: readonly TitlesRegistered[],
  nominee: { kind: NomineeKind; name: string; personId?: string },
  title: string,
  year: number,
): boolean {
  const k = key(nominee);
  return registrations.some((r) => r.year === year && r.entries.some((e) => key(e) === k && e.title === title));
}

/** What a unit registered for one nominee in one year: the fact the submission's registration rule reads. */
export interface NomineeRegistration {
  readonly unitId: string;
  readonly year: number;
  readonly titles: readonly string[];
}

/** The titles `unitId` registered for the nominee in `year`, from the unit's registration stream. */
export function registrationOf(
  registrations: readonly TitlesRegistered[],
  unitId: string,
  nominee: { kind: NomineeKind; name: string; personId?: string },
  year: number,
): NomineeRegistration {
  // The directory id when both sides have one; the name (NFC, case-folded) when the entry was registered by name.
  const name = normaliseText(nominee.name).toLowerCase();
  const same = (e: RegistrationEntry) =>
    e.kind === nominee.kind &&
    (e.personId !== undefined && nominee.personId !== undefined
      ? e.personId === nominee.personId
      : normaliseText(e.name).toLowerCase() === name);
  const titles = registrations
    .filter((r) => r.year === year && r.unitId === unitId)
    .flatMap((r) => r.entries.filter(same).map((e) => e.title));
  return { unitId, year, titles: [...new Set(titles)] };
}

/** A member unit signs the block's covenant once a year. */
export function covenantRefusal(
  signed: readonly CovenantSigned[],
  unitId: string,
  memberUnitIds: readonly string[],
): Refusal | undefined {
  if (!memberUnitIds.includes(unitId)) {
    return { code: 'OUT_OF_SCOPE', message: `${unitId} is not a member of this block`, details: { unitId } };
  }
  if (signed.some((s) => s.unitId === unitId)) {
    return { code: 'ALREADY_DONE', message: `${unitId} has already signed this year's covenant`, details: { unitId } };
  }
  return undefined;
}

/** Who leads the block in a year: the latest appointment covering it. */
export function leaderIn(history: readonly BlockLeaderSet[], year: number): BlockLeaderSet | undefined {
  return [...history].reverse().find((h) => h.fromYear <= year && (h.toYear === undefined || year <= h.toYear));
}

/**
 * Whether a block-leader account of `unitId` is in office in `year`. The
 * record decides once the Board has kept one for the block; before that the
 * directory's assignment stands, so a province that keeps no record loses nothing.
 */
export function leadershipOf(
  history: readonly BlockLeaderSet[],
  unitId: string | undefined,
  year: number,
): { readonly inOffice: boolean; readonly leader?: BlockLeaderSet } {
  if (history.length === 0) return { inOffice: true };
  const leader = leaderIn(history, year);
  return { inOffice: leader !== undefined && leader.unitId === unitId, ...(leader ? { leader } : {}) };
}

export function leaderRefusal(
  appointment: { unitId: string; fromYear: number; toYear?: number },
  memberUnitIds: readonly string[],
): Refusal | undefined {
  if (!memberUnitIds.includes(appointment.unitId)) {
    return { code: 'OUT_OF_SCOPE', message: `${appointment.unitId} is not a member of this block` };
  }
  if (appointment.toYear !== undefined && appointment.toYear < appointment.fromYear) {
    return { code: 'INVALID_COMMAND', message: 'toYear must not be before fromYear' };
  }
  return undefined;
}
