import { defaultPolicies, resolvePolicy } from '../policy/registry';
import {
  countBlockSession,
  decideBlockSession,
  evolveBlockSession,
  initialBlockSessionState,
  type BlockSessionCommand,
  type BlockSessionState,
  type OpenBlockSession,
} from './block-session';

const policy = resolvePolicy(defaultPolicies, 'ninh-thuan', '2025-12-01');
const units = ['u1', 'u2', 'u3', 'u4'];
const leader = { userId: 'leader', role: 'block_leader' as const, blockId: 'b1' };
const head = (unitId: string) => ({ userId: `head-${unitId}`, role: 'unit_head' as const, unitId, blockId: 'b1' });
const voters = (own: string) => units.filter((u) => u !== own);

const open: OpenBlockSession = {
  type: 'OpenBlockSession',
  sessionId: 's1',
  province: 'ninh-thuan',
  blockId: 'b1',
  campaignYear: 2025,
  title: 'Hội nghị tổng kết',
  memberUnitIds: units,
  items: [
    {
      nominationId: 'flag-1',
      proposingUnitId: 'u1',
      awardType: 'ProvincialEmulationFlag',
      nomineeName: 'Đơn vị 1',
      eligibleVoterUnitIds: voters('u1'),
    },
    {
      nominationId: 'flag-2',
      proposingUnitId: 'u2',
      awardType: 'ProvincialEmulationFlag',
      nomineeName: 'Đơn vị 2',
      eligibleVoterUnitIds: voters('u2'),
    },
    {
      nominationId: 'merit',
      proposingUnitId: 'u1',
      awardType: 'ProvincialCertificateOfMerit',
      nomineeName: 'Nguyễn Văn A',
      eligibleVoterUnitIds: voters('u1'),
    },
  ],
  policy: { id: policy.id, version: policy.version },
  blockVote: policy.blockVote,
  actor: leader,
  at: '2025-12-01T02:00:00.000Z',
};

function run(...commands: BlockSessionCommand[]): BlockSessionState {
  let state = initialBlockSessionState;
  for (const command of commands) {
    const decision = decideBlockSession(state, command);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.error.code} ${decision.error.message}`);
    for (const event of decision.events) state = evolveBlockSession(state, event);
  }
  return state;
}

const ballot = (unitId: string, choice: 'approve' | 'reject' | 'abstain' = 'approve'): BlockSessionCommand => ({
  type: 'CastSessionBallot',
  actor: head(unitId),
  at: '2025-12-01T03:00:00.000Z',
  choices: open.items
    .filter((i) => i.proposingUnitId !== unitId)
    .map((i) => ({ nominationId: i.nominationId, choice })),
});

describe('block session', () => {
  it('only the block leader opens it, on a non-empty agenda', () => {
    const byHead = decideBlockSession(initialBlockSessionState, { ...open, actor: head('u1') });
    expect(byHead.ok || byHead.error.code).toBe('ROLE_NOT_ALLOWED');
    const empty = decideBlockSession(initialBlockSessionState, { ...open, items: [] });
    expect(empty.ok || empty.error.code).toBe('INVALID_COMMAND');
  });

  it("a unit does not vote on its own unit's items, and casts one ballot", () => {
    const state = run(open);
    const own = decideBlockSession(state, {
      ...(ballot('u1') as Extract<BlockSessionCommand, { type: 'CastSessionBallot' }>),
      choices: [
        { nominationId: 'flag-1', choice: 'approve' },
        { nominationId: 'flag-2', choice: 'approve' },
        { nominationId: 'merit', choice: 'approve' },
      ],
    });
    expect(own.ok || own.error.code).toBe('OWN_UNIT_VOTE');
    const twice = decideBlockSession(run(open, ballot('u3')), ballot('u3'));
    expect(twice.ok || twice.error.code).toBe('ALREADY_VOTED');
  });

  it('a ballot must choose on every item its unit votes on', () => {
    const partial = decideBlockSession(run(open), {
      type: 'CastSessionBallot',
      actor: head('u3'),
      at: open.at,
      choices: [{ nominationId: 'merit', choice: 'approve' }],
    });
    expect(partial.ok || partial.error.code).toBe('INVALID_COMMAND');
  });

  it('the second flag unit that passes is refused by the one-leading-unit limit, naming the first', () => {
    const state = run(open, ballot('u1'), ballot('u2'), ballot('u3'), ballot('u4'), {
      type: 'CloseBlockSession',
      actor: leader,
      at: open.at,
    });
    expect(state.stage).toBe('Closed');
    if (state.stage !== 'Closed' || !state.closed) throw new Error('not closed');
    const [first, second, merit] = state.closed.results;
    expect(first).toMatchObject({ nominationId: 'flag-1', passed: true, acclamation: { acclaimed: true } });
    expect(second).toMatchObject({
      nominationId: 'flag-2',
      passed: false,
      acclamation: { acclaimed: false, acclaimedNominationId: 'flag-1' },
    });
    expect(second?.tally.passed).toBe(true);
    expect(second?.acclamation?.refusedReason).toContain('one leading unit per block and year');
    expect(merit).toMatchObject({ passed: true, tally: { approve: 3, eligible: 3 } });
    expect(state.closed.quorumMet).toBe(true);
  });

  it('more approvals win the acclamation; without the limit both are acclaimed', () => {
    const ballots = [
      { unitId: 'u1', choices: [{ nominationId: 'flag-2', choice: 'approve' as const }] },
      { unitId: 'u2', choices: [{ nominationId: 'flag-1', choice: 'approve' as const }] },
      {
        unitId: 'u3',
        choices: [
          { nominationId: 'flag-1', choice: 'abstain' as const },
          { nominationId: 'flag-2', choice: 'approve' as const },
        ],
      },
      {
        unitId: 'u4',
        choices: [
          { nominationId: 'flag-1', choice: 'approve' as const },
          { nominationId: 'flag-2', choice: 'approve' as const },
        ],
      },
    ];
    const limited = countBlockSession(open, ballots);
    // flag-1: 2 of 3 approve (< 70 %) fails; flag-2: 3 of 3 passes and is acclaimed.
    expect(limited.map((r) => r.passed)).toEqual([false, true, false]);
    const free = countBlockSession(
      { ...open, blockVote: { ...open.blockVote, oneLeadingUnitPerBlockForFlag: false } },
      [
        ...ballots.slice(0, 2),
        {
          unitId: 'u3',
          choices: [
            { nominationId: 'flag-1', choice: 'approve' },
            { nominationId: 'flag-2', choice: 'approve' },
          ],
        },
        ballots[3]!,
      ],
    );
    expect(free.slice(0, 2).map((r) => r.acclamation?.acclaimed)).toEqual([true, true]);
  });

  it('without enough ballots the session records that its quorum was not met', () => {
    const state = run(open, ballot('u3'), { type: 'CloseBlockSession', actor: leader, at: open.at });
    if (state.stage !== 'Closed' || !state.closed) throw new Error('not closed');
    expect(state.closed.quorumMet).toBe(false);
    expect(state.closed.results.every((r) => !r.passed)).toBe(true);
  });
});
