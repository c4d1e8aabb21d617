import type { NominationCommandType } from '../nomination/commands';
import type { ActorRole } from '../nomination/values';
import { ACTS, type StageFamily } from './acts';

/**
 * Views of the table of who acts where (domain/policy/acts.ts), for readers
 * that need one column of it: the roles a command allows and the stage family
 * it counts for.
 */
export { authorizeRole, STAGE_FAMILIES, type StageFamily } from './acts';

function column<T>(
  pick: (rule: (typeof ACTS)[NominationCommandType]) => T,
): Readonly<Record<NominationCommandType, T>> {
  return Object.fromEntries(
    (Object.keys(ACTS) as NominationCommandType[]).map((command) => [command, pick(ACTS[command])]),
  ) as Record<NominationCommandType, T>;
}

export const COMMAND_ROLES: Readonly<Record<NominationCommandType, readonly ActorRole[]>> = column((r) => r.roles);

export const COMMAND_FAMILY: Readonly<Record<NominationCommandType, StageFamily | undefined>> = column((r) => r.family);
