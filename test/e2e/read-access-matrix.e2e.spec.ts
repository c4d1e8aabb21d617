import { ADMIN, ApiHarness, NT, expectError } from '../support/api-harness';

/**
 * One access rule for every read route of a nomination, as a matrix of roles
 * and scopes × routes. The rule (README, "Who may read what"):
 *
 * 1. Scope — which nominations: admins all; auditors, Board officers, council
 *    members and the chairman their province; unit heads their block's and
 *    their own unit's; block leaders their block's; unit officers their own
 *    unit's. The page, its actions, the list and the inbox follow scope alone.
 * 2. Depth — the record behind the page: the history and the state as of a
 *    moment go to auditors and admins in scope, and to the nomination's own
 *    people (the proposing unit's officer and head, the block's leader);
 *    verification to auditors and admins in scope. A role that never reads a
 *    record is refused by role (403 ROLE_NOT_ALLOWED) before anything is
 *    looked up; a role that reads some records but not this one by scope
 *    (403 OUT_OF_SCOPE).
 */
type Cell = 200 | 'scope' | 'role';

const ROUTES = ['page', 'actions', 'list', 'history', 'state', 'verify'] as const;
type Route = (typeof ROUTES)[number];

// prettier-ignore
const MATRIX: Record<string, { user: string; cells: readonly Cell[] }> = {
  //                                                        page     actions  list     history  state    verify
  'unit officer, proposing unit':   { user: NT.officer,                 cells: [200,     200,     200,     200,     200,     'role'] },
  'unit officer, same block':       { user: 'nt-officer-newspaper',     cells: ['scope', 'scope', 'scope', 'scope', 'scope', 'role'] },
  'unit officer, other province':   { user: 'lc-officer-youth-union',   cells: ['scope', 'scope', 'scope', 'scope', 'scope', 'role'] },
  'unit head, proposing unit':      { user: NT.head,                    cells: [200,     200,     200,     200,     200,     'role'] },
  'unit head, same block (voter)':  { user: NT.voters[0],               cells: [200,     200,     200,     'scope', 'scope', 'role'] },
  'unit head, other province':      { user: 'lc-head-youth-union',      cells: ['scope', 'scope', 'scope', 'scope', 'scope', 'role'] },
  'block leader, own block':        { user: NT.leader,                  cells: [200,     200,     200,     200,     200,     'role'] },
  'block leader, other block':      { user: 'lc-leader-front',          cells: ['scope', 'scope', 'scope', 'scope', 'scope', 'role'] },
  'Board officer, own province':    { user: NT.board,                   cells: [200,     200,     200,     'role',  'role',  'role'] },
  'Board officer, other province':  { user: 'lc-board-officer',         cells: ['scope', 'scope', 'scope', 'role',  'role',  'role'] },
  'council member, own province':   { user: NT.council[0],              cells: [200,     200,     200,     'role',  'role',  'role'] },
  'council member, other province': { user: 'lc-council-front',         cells: ['scope', 'scope', 'scope', 'role',  'role',  'role'] },
  'chairman, own province':         { user: NT.chairman,                cells: [200,     200,     200,     'role',  'role',  'role'] },
  'chairman, other province':       { user: 'lc-chairman',              cells: ['scope', 'scope', 'scope', 'role',  'role',  'role'] },
  'auditor, own province':          { user: NT.auditor,                 cells: [200,     200,     200,     200,     200,     200] },
  'auditor, other province':        { user: 'lc-auditor',               cells: ['scope', 'scope', 'scope', 'scope', 'scope', 'scope'] },
  admin:                            { user: ADMIN,                      cells: [200,     200,     200,     200,     200,     200] },
};

describe('read access: one rule, every role and scope × every read route', () => {
  let api: ApiHarness;
  let id: string;
  let position: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    ({ nominationId: id, position } = await api.submitted());
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  const path: Record<Route, () => string> = {
    page: () => `/nominations/${id}`,
    actions: () => `/nominations/${id}/actions`,
    list: () => `/nominations?limit=100`,
    history: () => `/nominations/${id}/history`,
    state: () => `/nominations/${id}/state`,
    verify: () => `/nominations/${id}/verify`,
  };

  for (const [who, { user, cells }] of Object.entries(MATRIX)) {
    it(
      who,
      async () => {
        for (const [index, route] of ROUTES.entries()) {
          const expected = cells[index]!;
          const response = await api.get(user, path[route](), { 'X-Laurel-Position': position });
          const cell = `${who} × ${route}`;
          if (route === 'list') {
            // The list answers everyone; scope decides whether this nomination is in it.
            expect({ cell, status: response.status }).toEqual({ cell, status: 200 });
            const ids = ((response.body as { items: Array<{ nominationId: string }> }).items ?? []).map(
              (n) => n.nominationId,
            );
            expect({ cell, listed: ids.includes(id) }).toEqual({ cell, listed: expected === 200 });
            continue;
          }
          if (expected === 200) {
            expect({ cell, status: response.status }).toEqual({ cell, status: 200 });
          } else {
            const code = expected === 'scope' ? 'OUT_OF_SCOPE' : 'ROLE_NOT_ALLOWED';
            try {
              expectError(response, 403, code);
            } catch (error) {
              throw new Error(`${cell}: ${(error as Error).message}`, { cause: error });
            }
          }
        }
      },
      60_000,
    );
  }
});
