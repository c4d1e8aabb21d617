import type { Role } from '@laurel/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { SessionHeader } from '../projections/read-models';
import { mayReadBlockSession, mayReadCouncilSession } from './session-access';

const header = (kind: 'block' | 'council'): SessionHeader => ({
  kind,
  sessionId: `${kind}-2026`,
  province: 'ninh-thuan',
  blockId: kind === 'block' ? 'nt-party-agencies' : null,
  campaignYear: 2026,
  title: 'Phiên họp 2026',
  stage: 'Open',
  quorumRatio: 0.67,
  memberIds: kind === 'block' ? ['nt-party-office', 'nt-youth-union'] : ['u-council-1'],
  members: [],
  policy: { id: 'default', version: 1 },
  openedAt: '2026-11-02T01:00:00.000Z',
  openedBy: 'u-board',
  itemCount: 0,
  ballots: [],
  closed: null,
  version: 1,
  totals: { votesDue: 0, votesApplied: 0, closed: 0 },
});

const user = (role: Role, extra: Partial<AuthenticatedUser> = {}): AuthenticatedUser => ({
  userId: `u-${role}`,
  name: 'Người dùng',
  role,
  province: 'ninh-thuan',
  ...extra,
});

describe('who reads a session', () => {
  const block = header('block');
  const council = header('council');

  it('lets a block session be read by its member units, its leader and the province', () => {
    expect(mayReadBlockSession(user('unit_officer', { unitId: 'nt-party-office' }), block)).toBe(true);
    expect(mayReadBlockSession(user('block_leader', { blockId: 'nt-party-agencies' }), block)).toBe(true);
    expect(mayReadBlockSession(user('board_officer'), block)).toBe(true);
    expect(mayReadBlockSession(user('auditor'), block)).toBe(true);
  });

  it('keeps a block session from units outside it and from other blocks’ leaders', () => {
    expect(mayReadBlockSession(user('unit_officer', { unitId: 'nt-health-dept' }), block)).toBe(false);
    expect(mayReadBlockSession(user('block_leader', { blockId: 'nt-economy' }), block)).toBe(false);
  });

  it('keeps every session from another province, whatever the unit or block says', () => {
    const elsewhere = { province: 'lao-cai' };
    // A directory that put one unit id in two provinces: the province still decides, as in the list.
    expect(mayReadBlockSession(user('unit_officer', { unitId: 'nt-party-office', ...elsewhere }), block)).toBe(false);
    expect(mayReadBlockSession(user('block_leader', { blockId: 'nt-party-agencies', ...elsewhere }), block)).toBe(
      false,
    );
    expect(mayReadBlockSession(user('board_officer', elsewhere), block)).toBe(false);
    expect(mayReadCouncilSession(user('council_member', elsewhere), council)).toBe(false);
  });

  it('lets a council session be read by the province’s Board, council, chairman and auditors, never a unit', () => {
    for (const role of ['board_officer', 'council_member', 'chairman', 'auditor'] as const) {
      expect(mayReadCouncilSession(user(role), council)).toBe(true);
    }
    expect(mayReadCouncilSession(user('unit_head', { unitId: 'nt-party-office' }), council)).toBe(false);
    expect(mayReadCouncilSession(user('block_leader', { blockId: 'nt-party-agencies' }), council)).toBe(false);
  });

  it('lets a caller bound to no province read any province’s sessions as their role allows', () => {
    const unbound = { province: undefined } as Partial<AuthenticatedUser>;
    expect(mayReadCouncilSession(user('auditor', unbound), council)).toBe(true);
    expect(mayReadBlockSession(user('unit_officer', { ...unbound, unitId: 'nt-health-dept' }), block)).toBe(false);
  });
});
