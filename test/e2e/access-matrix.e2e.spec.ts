import { ADMIN, ApiHarness, NT, draftBody, evidence, expectError } from '../support/api-harness';

/**
 * The roles table of domain/policy/roles.ts as an HTTP access matrix: every role, in and out of
 * scope, against every action. One nomination walks from draft to decision;
 * before each step, every cell of that step's column is tried (refusals
 * must leave the stream as it was), then the one in-scope actor takes the step.
 */

const PEOPLE = {
  officerOwn: NT.officer,
  officerSameBlock: 'nt-officer-newspaper',
  officerOtherProvince: 'lc-officer-youth-union',
  headOwn: NT.head,
  headSameBlock: NT.voters[0],
  headOtherProvince: 'lc-head-youth-union',
  leaderOwnBlock: NT.leader,
  leaderOtherBlock: 'lc-leader-front',
  boardOwn: NT.board,
  boardOtherProvince: 'lc-board-officer',
  councilOwn: NT.council[0],
  councilRecused: NT.recusedCouncillor,
  councilOtherProvince: 'lc-council-front',
  chairmanOwn: NT.chairman,
  chairmanOtherProvince: 'lc-chairman',
  auditor: NT.auditor,
  admin: ADMIN,
} as const;

type Person = keyof typeof PEOPLE;

/** ok: allowed · role: 403 ROLE_NOT_ALLOWED · scope: 403 OUT_OF_SCOPE · own: 403 OWN_UNIT_VOTE · recused: 403 COUNCIL_MEMBER_RECUSED */
type Cell = 'ok' | 'role' | 'scope' | 'own' | 'recused';

const ACTIONS = [
  'draft',
  'read',
  'edit',
  'submit',
  'vote',
  'closeVote',
  'requestSupplement',
  'supplement',
  'opinion',
  'decision',
  'withdraw',
  'revoke',
] as const;

type Action = (typeof ACTIONS)[number];

// prettier-ignore
const MATRIX: Record<Person, readonly Cell[]> = {
  //                      draft     read      edit      submit    vote      closeVote  reqSupp   supp      opinion     decision  withdraw  revoke
  officerOwn:            ['ok',    'ok',     'ok',     'role',   'role',   'role',    'role',   'ok',     'role',     'role',   'role',   'role'],
  officerSameBlock:      ['ok',    'scope',  'scope',  'role',   'role',   'role',    'role',   'scope',  'role',     'role',   'role',   'role'],
  officerOtherProvince:  ['ok',    'scope',  'scope',  'role',   'role',   'role',    'role',   'scope',  'role',     'role',   'role',   'role'],
  headOwn:               ['role',  'ok',     'role',   'ok',     'own',    'role',    'role',   'role',   'role',     'role',   'ok',     'role'],
  headSameBlock:         ['role',  'ok',     'role',   'scope',  'ok',     'role',    'role',   'role',   'role',     'role',   'scope',  'role'],
  headOtherProvince:     ['role',  'scope',  'role',   'scope',  'scope',  'role',    'role',   'role',   'role',     'role',   'scope',  'role'],
  leaderOwnBlock:        ['role',  'ok',     'role',   'role',   'role',   'ok',      'role',   'role',   'role',     'role',   'role',   'role'],
  leaderOtherBlock:      ['role',  'scope',  'role',   'role',   'role',   'scope',   'role',   'role',   'role',     'role',   'role',   'role'],
  boardOwn:              ['role',  'ok',     'role',   'role',   'role',   'role',    'ok',     'role',   'role',     'role',   'role',   'role'],
  boardOtherProvince:    ['role',  'scope',  'role',   'role',   'role',   'role',    'scope',  'role',   'role',     'role',   'role',   'role'],
  councilOwn:            ['role',  'ok',     'role',   'role',   'role',   'role',    'role',   'role',   'ok',       'role',   'role',   'role'],
  councilRecused:        ['role',  'ok',     'role',   'role',   'role',   'role',    'role',   'role',   'recused',  'role',   'role',   'role'],
  councilOtherProvince:  ['role',  'scope',  'role',   'role',   'role',   'role',    'role',   'role',   'scope',    'role',   'role',   'role'],
  chairmanOwn:           ['role',  'ok',     'role',   'role',   'role',   'role',    'role',   'role',   'role',     'ok',     'role',   'ok'],
  chairmanOtherProvince: ['role',  'scope',  'role',   'role',   'role',   'role',    'role',   'role',   'role',     'scope',  'role',   'scope'],
  auditor:               ['role',  'ok',     'role',   'role',   'role',   'role',    'role',   'role',   'role',     'role',   'role',   'role'],
  admin:                 ['role',  'ok',     'role',   'role',   'role',   'role',    'role',   'role',   'role',     'role',   'role',   'role'],
};

const EXPECTED: Record<Exclude<Cell, 'ok'>, { status: number; code: string }> = {
  role: { status: 403, code: 'ROLE_NOT_ALLOWED' },
  scope: { status: 403, code: 'OUT_OF_SCOPE' },
  own: { status: 403, code: 'OWN_UNIT_VOTE' },
  recused: { status: 403, code: 'COUNCIL_MEMBER_RECUSED' },
};

function cell(person: Person, action: Action): Cell {
  return MATRIX[person][ACTIONS.indexOf(action)]!;
}

describe('access matrix: every role, in and out of scope, against every action', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
    for (const user of Object.values(PEOPLE)) await api.token(user);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  function send(action: Action, user: string, id: string) {
    const path = `/nominations/${id}`;
    switch (action) {
      case 'draft':
        return api.post(user, '/nominations', draftBody());
      case 'read':
        return api.get(user, path);
      case 'edit':
        return api
          .authHeader(user)
          .then((auth) => api.http().patch(path).set(auth).send({ achievements: 'Bổ sung thành tích năm.' }));
      case 'submit':
        return api.post(user, `${path}/submit`);
      case 'vote':
        return api.post(user, `${path}/votes`, { choice: 'approve' });
      case 'closeVote':
        return api.post(user, `${path}/block-vote/close`);
      case 'requestSupplement':
        return api.post(user, `${path}/supplement-requests`, { reason: 'Thiếu biên bản họp.' });
      case 'supplement':
        return api.post(user, `${path}/supplements`, { evidence: [evidence('unit_council_minutes')] });
      case 'opinion':
        return api.post(user, `${path}/council-opinions`, { recommendation: 'approve' });
      case 'decision':
        return api.post(user, `${path}/decision`, { outcome: 'approved', decisionNumber: '2010/QĐ-UBND' });
      case 'withdraw':
        return api.post(user, `${path}/withdraw`, { reason: 'Đơn vị rút hồ sơ.' });
      case 'revoke':
        return api.post(user, `${path}/revocation`, {
          ground: 'standards_unmet',
          details: 'Kết luận thanh tra: thành tích kê khai không đúng.',
        });
    }
  }

  /** Tries every refused cell of a column against nomination `id`, checking nothing was written. */
  async function refusalsOf(action: Action, id: string): Promise<void> {
    const before = await api.streamVersion(id);
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const expected = cell(person, action);
      if (expected === 'ok') continue;
      const response = await send(action, PEOPLE[person], id);
      const { status, code } = EXPECTED[expected];
      try {
        expectError(response, status, code);
      } catch (error) {
        throw new Error(`${person} × ${action}: ${(error as Error).message}`, { cause: error });
      }
    }
    expect({ action, version: await api.streamVersion(id) }).toEqual({ action, version: before });
  }

  /** The column's one in-scope actor takes the step. */
  async function allowed(action: Action, id: string): Promise<void> {
    const actors = (Object.keys(PEOPLE) as Person[]).filter((p) => cell(p, action) === 'ok');
    expect({ action, actors: actors.length }).toEqual({ action, actors: 1 });
    const response = await send(action, PEOPLE[actors[0]!], id);
    if (response.status !== 200) {
      throw new Error(
        `${actors[0]} × ${action}: expected 200, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
  }

  it('walks one nomination from draft to decision, trying every cell on the way', async () => {
    // Drafting: officers of a unit in a block draft for their own unit; no one else drafts at all.
    let id = '';
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const response = await send('draft', PEOPLE[person], '');
      if (cell(person, 'draft') === 'ok') {
        expect({ person, status: response.status }).toEqual({ person, status: 201 });
        if (person === 'officerOwn') id = (response.body as { nominationId: string }).nominationId;
      } else {
        expectError(response, 403, EXPECTED[cell(person, 'draft') as Exclude<Cell, 'ok'>].code);
      }
    }

    for (const person of Object.keys(PEOPLE) as Person[]) {
      const response = await send('read', PEOPLE[person], id);
      const expected = cell(person, 'read');
      if (expected === 'ok') expect({ person, status: response.status }).toEqual({ person, status: 200 });
      else expectError(response, 403, EXPECTED[expected].code);
    }

    await refusalsOf('edit', id);
    await allowed('edit', id);
    await refusalsOf('submit', id);
    await allowed('submit', id);

    await refusalsOf('vote', id);
    await allowed('vote', id);
    // Quorum for the leader to close on: four more member units vote.
    for (const voter of NT.voters.slice(1, 5)) await api.act(voter, `/nominations/${id}/votes`, { choice: 'approve' });
    await refusalsOf('closeVote', id);
    await allowed('closeVote', id);
    expect(await api.workflowStage(id)).toBe('CouncilReview');

    await refusalsOf('requestSupplement', id);
    await allowed('requestSupplement', id);
    await refusalsOf('supplement', id);
    await allowed('supplement', id);

    await refusalsOf('opinion', id);
    await allowed('opinion', id);
    for (const member of NT.council.slice(1)) {
      await api.act(member, `/nominations/${id}/council-opinions`, { recommendation: 'approve' });
    }
    expect(await api.workflowStage(id)).toBe('ProvincialDecision');

    await refusalsOf('decision', id);
    await allowed('decision', id);
    expect(await api.workflowStage(id)).toBe('Closed');

    // After the award: only the chairman of its province may revoke it.
    await refusalsOf('revoke', id);
    await allowed('revoke', id);
  });

  it('lets only the proposing unit’s head withdraw', async () => {
    const { nominationId } = await api.submitted();
    await refusalsOf('withdraw', nominationId);
    await allowed('withdraw', nominationId);
    expect(await api.workflowStage(nominationId)).toBe('Closed');
  });
});
