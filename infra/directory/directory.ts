import type { Role } from '@laurel/domain';

/**
 * Who is who: provinces, their emulation blocks and member units, and the
 * people who act. Pure data plus look-ups; the API reads it to fill scopes
 * (a voter's block, the council's size and recusals) that the domain cannot
 * know, and the embedded identity provider reads it to log people in.
 */

export interface Province {
  /** Slug, as policies name it (`lao-cai`, `ninh-thuan`). */
  readonly id: string;
  /** Name with diacritics, NFC. */
  readonly name: string;
}

export interface Unit {
  readonly id: string;
  readonly name: string;
  readonly province: string;
  /** The emulation block the unit is a member of; provincial departments outside any block have none. */
  readonly blockId?: string;
}

export interface EmulationBlock {
  readonly id: string;
  readonly name: string;
  readonly province: string;
  readonly memberUnitIds: readonly string[];
}

export interface DirectoryUser {
  readonly id: string;
  /** Login name of the embedded identity provider; unique, compared case-insensitively. */
  readonly username: string;
  /** Full name with diacritics, NFC. */
  readonly displayName: string;
  readonly role: Role;
  /** Province the user works in; absent only for system administrators. */
  readonly province?: string;
  /** The unit the user belongs to: the unit roles act for it, a council member recuses for it. */
  readonly unitId?: string;
  /** For unit roles: the block of their unit; for a block leader: the block they lead. */
  readonly blockId?: string;
  /** `scrypt$…` (see password.ts); absent for users who only sign in through OIDC. */
  readonly passwordHash?: string;
}

export interface DirectoryData {
  readonly provinces: readonly Province[];
  readonly blocks: readonly EmulationBlock[];
  readonly units: readonly Unit[];
  readonly users: readonly DirectoryUser[];
}

/** Read access to the directory. Implementations are immutable snapshots: reload to change. */
export interface Directory {
  provinces(): readonly Province[];
  province(provinceId: string): Province | undefined;
  unit(unitId: string): Unit | undefined;
  block(blockId: string): EmulationBlock | undefined;
  blocksOf(provinceId: string): readonly EmulationBlock[];
  /** The block's member units, in the block's order; empty for an unknown block. */
  unitsOfBlock(blockId: string): readonly Unit[];
  blockOfUnit(unitId: string): EmulationBlock | undefined;
  users(): readonly DirectoryUser[];
  findUser(userId: string): DirectoryUser | undefined;
  findUserByUsername(username: string): DirectoryUser | undefined;
  /** Every council member of the province (the council's full size counts them all). */
  councilMembers(provinceId: string): readonly DirectoryUser[];
  /** The people of a unit holding a role, e.g. the unit head who votes for it. */
  usersOfUnit(unitId: string, role?: Role): readonly DirectoryUser[];
}

export class DirectoryError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid directory:\n  ${problems.join('\n  ')}`);
    this.name = 'DirectoryError';
  }
}

const UNIT_ROLES: readonly Role[] = ['unit_officer', 'unit_head'];
const PROVINCE_ROLES: readonly Role[] = ['board_officer', 'council_member', 'chairman', 'auditor'];

/** An immutable directory over plain data, checked for consistency when built. */
export class InMemoryDirectory implements Directory {
  private readonly provincesById: ReadonlyMap<string, Province>;
  private readonly unitsById: ReadonlyMap<string, Unit>;
  private readonly blocksById: ReadonlyMap<string, EmulationBlock>;
  private readonly usersById: ReadonlyMap<string, DirectoryUser>;
  private readonly usersByUsername: ReadonlyMap<string, DirectoryUser>;
  private readonly allUsers: readonly DirectoryUser[];

  constructor(readonly data: DirectoryData) {
    const problems: string[] = [];
    this.provincesById = indexBy(data.provinces, 'province', problems);
    this.blocksById = indexBy(data.blocks, 'block', problems);
    // A unit's block is the block that lists it, so membership is stated once.
    const blockOfUnit = new Map<string, string>();
    for (const block of data.blocks) {
      if (!this.provincesById.has(block.province))
        problems.push(`block ${block.id}: unknown province ${block.province}`);
      for (const unitId of block.memberUnitIds) {
        const previous = blockOfUnit.get(unitId);
        if (previous !== undefined) problems.push(`unit ${unitId} is a member of both ${previous} and ${block.id}`);
        blockOfUnit.set(unitId, block.id);
      }
    }
    const units = data.units.map((unit): Unit => {
      const blockId = blockOfUnit.get(unit.id);
      if (unit.blockId !== undefined && unit.blockId !== blockId) {
        problems.push(`unit ${unit.id} names block ${unit.blockId}, but ${blockId ?? 'no block'} lists it`);
      }
      if (!this.provincesById.has(unit.province)) problems.push(`unit ${unit.id}: unknown province ${unit.province}`);
      const block = blockId === undefined ? undefined : this.blocksById.get(blockId);
      if (block && block.province !== unit.province) {
        problems.push(`unit ${unit.id} (${unit.province}) is in block ${block.id} of ${block.province}`);
      }
      return blockId === undefined ? { id: unit.id, name: unit.name, province: unit.province } : { ...unit, blockId };
    });
    this.unitsById = indexBy(units, 'unit', problems);
    for (const unitId of blockOfUnit.keys()) {
      if (!this.unitsById.has(unitId)) problems.push(`block ${blockOfUnit.get(unitId)} lists unknown unit ${unitId}`);
    }
    const users = data.users.map((user) => this.resolveUser(user, problems));
    this.usersById = indexBy(users, 'user', problems);
    const byUsername = new Map<string, DirectoryUser>();
    for (const user of users) {
      const key = user.username.toLowerCase();
      if (byUsername.has(key)) problems.push(`username ${user.username} is used twice`);
      byUsername.set(key, user);
    }
    this.usersByUsername = byUsername;
    this.allUsers = users;
    if (problems.length > 0) throw new DirectoryError(problems);
  }

  /** Fills a user's province and block from their unit, and checks the role has the scope it needs. */
  private resolveUser(user: DirectoryUser, problems: string[]): DirectoryUser {
    const where = `user ${user.id} (${user.role})`;
    const unit = user.unitId === undefined ? undefined : this.unitsById.get(user.unitId);
    if (user.unitId !== undefined && !unit) problems.push(`${where}: unknown unit ${user.unitId}`);
    let { province, blockId } = user;
    if (UNIT_ROLES.includes(user.role)) {
      if (!unit) problems.push(`${where}: a unit role needs a unitId`);
      if (blockId !== undefined && blockId !== unit?.blockId) {
        problems.push(`${where}: blockId ${blockId} is not the block of unit ${user.unitId}`);
      }
      blockId = unit?.blockId;
    }
    if (user.role === 'block_leader') {
      const block = blockId === undefined ? undefined : this.blocksById.get(blockId);
      if (!block) problems.push(`${where}: a block leader needs a known blockId`);
      if (unit && block && !block.memberUnitIds.includes(unit.id)) {
        problems.push(`${where}: unit ${unit.id} is not a member of the block it leads`);
      }
      province ??= block?.province;
    }
    province ??= unit?.province;
    if (PROVINCE_ROLES.includes(user.role) && province === undefined) problems.push(`${where}: needs a province`);
    if (province !== undefined && !this.provincesById.has(province)) {
      problems.push(`${where}: unknown province ${province}`);
    }
    if (unit && province !== undefined && unit.province !== province) {
      problems.push(`${where}: unit ${unit.id} is in ${unit.province}, not ${province}`);
    }
    if (user.role === 'admin' && (user.unitId !== undefined || blockId !== undefined)) {
      problems.push(`${where}: an administrator acts for no unit or block`);
    }
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName.normalize('NFC'),
      role: user.role,
      ...(province !== undefined ? { province } : {}),
      ...(user.unitId !== undefined ? { unitId: user.unitId } : {}),
      ...(blockId !== undefined ? { blockId } : {}),
      ...(user.passwordHash !== undefined ? { passwordHash: user.passwordHash } : {}),
    };
  }

  provinces(): readonly Province[] {
    return this.data.provinces;
  }

  province(provinceId: string): Province | undefined {
    return this.provincesById.get(provinceId);
  }

  unit(unitId: string): Unit | undefined {
    return this.unitsById.get(unitId);
  }

  block(blockId: string): EmulationBlock | undefined {
    return this.blocksById.get(blockId);
  }

  blocksOf(provinceId: string): readonly EmulationBlock[] {
    return this.data.blocks.filter((b) => b.province === provinceId);
  }

  unitsOfBlock(blockId: string): readonly Unit[] {
    const block = this.blocksById.get(blockId);
    if (!block) return [];
    return block.memberUnitIds.map((id) => this.unitsById.get(id)).filter((u): u is Unit => u !== undefined);
  }

  blockOfUnit(unitId: string): EmulationBlock | undefined {
    const blockId = this.unitsById.get(unitId)?.blockId;
    return blockId === undefined ? undefined : this.blocksById.get(blockId);
  }

  users(): readonly DirectoryUser[] {
    return this.allUsers;
  }

  findUser(userId: string): DirectoryUser | undefined {
    return this.usersById.get(userId);
  }

  findUserByUsername(username: string): DirectoryUser | undefined {
    return this.usersByUsername.get(username.normalize('NFC').toLowerCase());
  }

  councilMembers(provinceId: string): readonly DirectoryUser[] {
    return this.allUsers.filter((u) => u.role === 'council_member' && u.province === provinceId);
  }

  usersOfUnit(unitId: string, role?: Role): readonly DirectoryUser[] {
    return this.allUsers.filter((u) => u.unitId === unitId && (role === undefined || u.role === role));
  }
}

function indexBy<T extends { readonly id: string }>(
  items: readonly T[],
  what: string,
  problems: string[],
): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) problems.push(`${what} id ${item.id} is used twice`);
    map.set(item.id, item);
  }
  return map;
}
