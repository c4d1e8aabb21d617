import { COMMAND_ROLES, NOMINATION_COMMAND_TYPES, type Role } from '@laurel/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { assertInScope, assertRoleMayAct, mayRead, readScopeOf, type NominationScope } from './nomination-access';
import { assertMayReadHistory, auditProvince, HISTORY_READER_ROLES, isAuditReader } from './read-access';

const scope: NominationScope = {
  nominationId: 'n-1',
  province: 'ninh-thuan',
  blockId: 'nt-party-agencies',
  proposingUnitId: 'nt-party-office',
};

const user = (role: Role, extra: Partial<AuthenticatedUser> = {}): AuthenticatedUser => ({
  userId: `u-${role}`,
  name: 'Người dùng',
  role,
  ...extra,
});

function codeOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('role checks follow the domain’s role table', () => {
  const roles: Role[] = [
    'unit_officer',
    'unit_head',
    'block_leader',
    'board_officer',
    'council_member',
    'chairman',
    'auditor',
    'admin',
  ];
  it.each(NOMINATION_COMMAND_TYPES.flatMap((command) => roles.map((role) => [command, role] as const)))(
    '%s by %s',
    (command, role) => {
      const allowed = COMMAND_ROLES[command].includes(role);
      expect(codeOf(() => assertRoleMayAct(user(role), command))).toBe(allowed ? undefined : '403 ROLE_NOT_ALLOWED');
    },
  );
});

describe('scope checks', () => {
  const inProvince = { province: 'ninh-thuan' };
  it.each<[string, AuthenticatedUser, Parameters<typeof assertInScope>[1], string | undefined]>([
    [
      'own unit submits',
      user('unit_head', { unitId: 'nt-party-office', blockId: 'nt-party-agencies' }),
      'SubmitNomination',
      undefined,
    ],
    [
      'another unit submits',
      user('unit_head', { unitId: 'nt-newspaper', blockId: 'nt-party-agencies' }),
      'SubmitNomination',
      '403 OUT_OF_SCOPE',
    ],
    [
      'a block member votes',
      user('unit_head', { unitId: 'nt-newspaper', blockId: 'nt-party-agencies' }),
      'CastBlockVote',
      undefined,
    ],
    [
      'another block votes',
      user('unit_head', { unitId: 'lc-red-cross', blockId: 'lc-front' }),
      'CastBlockVote',
      '403 OUT_OF_SCOPE',
    ],
    [
      'a unit outside any block votes',
      user('unit_head', { unitId: 'nt-home-affairs' }),
      'CastBlockVote',
      '403 OUT_OF_SCOPE',
    ],
    ['the block leader closes', user('block_leader', { blockId: 'nt-party-agencies' }), 'CloseBlockVote', undefined],
    ['the council of the province', user('council_member', inProvince), 'RecordCouncilOpinion', undefined],
    ['another province’s chairman', user('chairman', { province: 'lao-cai' }), 'IssueDecision', '403 OUT_OF_SCOPE'],
    ['a chairman with no province', user('chairman'), 'IssueDecision', '403 OUT_OF_SCOPE'],
    ['a timer command from a person', user('chairman', inProvince), 'ReachDeadline', '403 ROLE_NOT_ALLOWED'],
  ])('%s', (_name, who, command, expected) => {
    expect(codeOf(() => assertInScope(who, command, scope))).toBe(expected);
  });
});

describe('read scopes', () => {
  it('give each role its part of the list', () => {
    expect(readScopeOf(user('admin'))).toEqual({ kind: 'all' });
    // An auditor whose account lacks its province reads nothing, in lists as in histories: fail closed.
    expect(readScopeOf(user('auditor'))).toEqual({ kind: 'none' });
    expect(readScopeOf(user('auditor', { province: 'lao-cai' }))).toEqual({ kind: 'province', province: 'lao-cai' });
    expect(readScopeOf(user('unit_officer', { unitId: 'u', blockId: 'b' }))).toEqual({ kind: 'unit', unitId: 'u' });
    expect(readScopeOf(user('unit_head', { unitId: 'u', blockId: 'b' }))).toEqual({ kind: 'block', blockId: 'b' });
    expect(readScopeOf(user('chairman'))).toEqual({ kind: 'none' });
  });

  it('let a unit head read the nominations of the block they vote in, an officer only their unit’s', () => {
    expect(mayRead(user('unit_head', { unitId: 'nt-newspaper', blockId: 'nt-party-agencies' }), scope)).toBe(true);
    expect(mayRead(user('unit_officer', { unitId: 'nt-newspaper', blockId: 'nt-party-agencies' }), scope)).toBe(false);
    expect(mayRead(user('unit_officer', { unitId: 'nt-party-office', blockId: 'nt-party-agencies' }), scope)).toBe(
      true,
    );
    expect(mayRead(user('board_officer', { province: 'lao-cai' }), scope)).toBe(false);
  });

  it('give histories to a nomination’s own people and auditors, verification and export to auditors and admins', () => {
    const own = {
      nominationId: 'n-1',
      province: 'ninh-thuan',
      blockId: 'nt-party-agencies',
      proposingUnitId: 'nt-party-office',
    };
    expect(() => assertMayReadHistory(user('unit_officer', { unitId: 'nt-party-office' }), own, 'read')).not.toThrow();
    expect(() =>
      assertMayReadHistory(user('unit_head', { unitId: 'nt-newspaper', blockId: 'nt-party-agencies' }), own, 'read'),
    ).toThrow(/outside your unit or block/);
    expect(() =>
      assertMayReadHistory(user('block_leader', { blockId: 'nt-party-agencies' }), own, 'read'),
    ).not.toThrow();
    expect(() => assertMayReadHistory(user('auditor', { province: 'lao-cai' }), own, 'read')).toThrow(
      /another province/,
    );
    expect(() => assertMayReadHistory(user('board_officer', { province: 'ninh-thuan' }), own, 'read')).toThrow(
      /may not read/,
    );
    expect(HISTORY_READER_ROLES).toEqual(['admin', 'auditor', 'block_leader', 'unit_head', 'unit_officer']);
    expect([isAuditReader(user('auditor')), isAuditReader(user('admin')), isAuditReader(user('chairman'))]).toEqual([
      true,
      true,
      false,
    ]);
    expect(auditProvince(user('auditor'))).toBe('');
    expect(auditProvince(user('admin'))).toBeUndefined();
  });
});
