import { ApiHarness, NT, ADMIN, expectError } from '../support/api-harness';

interface SavedViewBody {
  id: string;
  ownerId: string;
  province: string | null;
  name: string;
  filters: Record<string, unknown>;
  createdAt: string;
}

describe('inbox: tasks with working days left, saved views, overview, sign-in config', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start({ TEMPORAL_UI_URL: 'http://127.0.0.1:8233/' });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  describe('GET /tasks', () => {
    it("gives each pending task its working days left by the province's calendar, and whether it is overdue", async () => {
      const { nominationId, position } = await api.submitted();
      const response = await api.get(NT.voters[0], '/tasks', { 'X-Laurel-Position': position });
      expect(response.status).toBe(200);
      const task = (response.body.items as Array<Record<string, unknown>>).find(
        (t) => t['nominationId'] === nominationId,
      );
      expect(task).toBeDefined();
      // A block vote runs 10 working days [default]; it was entered just now.
      expect(task!['workingDaysLeft']).toBe(10);
      expect(task!['overdue']).toBe(false);
    });
  });

  describe('/views', () => {
    const body = { name: 'Khối Đảng – bình xét', filters: { stage: 'BlockVote', block: NT.block, year: 2025 } };

    it('saves a view for its owner, lists it, reads it, deletes it', async () => {
      const created = await api.post(NT.voters[1], '/views', body);
      expect(created.status).toBe(201);
      const view = created.body as SavedViewBody;
      expect(view).toMatchObject({ ownerId: NT.voters[1], province: NT.province, ...body });

      const list = await api.get(NT.voters[1], '/views');
      expect(list.status).toBe(200);
      expect((list.body.items as SavedViewBody[]).map((v) => v.id)).toContain(view.id);
      // Another user's list does not show it.
      const others = await api.get(NT.voters[2], '/views');
      expect((others.body.items as SavedViewBody[]).map((v) => v.id)).not.toContain(view.id);

      const read = await api.get(NT.voters[1], `/views/${view.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(view);

      const deleted = await api
        .http()
        .delete(`/views/${view.id}`)
        .set(await api.authHeader(NT.voters[1]));
      expect(deleted.status).toBe(204);
      expectError(await api.get(NT.voters[1], `/views/${view.id}`), 404, 'NOT_FOUND');
    });

    it('opens by link for a colleague of the same province, not for another province; only the owner deletes', async () => {
      const { body: view } = (await api.post(NT.board, '/views', body)) as { body: SavedViewBody };
      const colleague = await api.get(NT.chairman, `/views/${view.id}`);
      expect(colleague.status).toBe(200);
      expect(colleague.body.filters).toEqual(body.filters);
      expectError(await api.get('ht-board-officer', `/views/${view.id}`), 404, 'NOT_FOUND');
      expect((await api.get(ADMIN, `/views/${view.id}`)).status).toBe(200);
      const refused = await api
        .http()
        .delete(`/views/${view.id}`)
        .set(await api.authHeader(NT.chairman));
      expectError(refused, 403, 'OUT_OF_SCOPE');
    });

    it('refuses bad input with 400 and unknown views with 404', async () => {
      expectError(await api.post(NT.board, '/views', { name: '', filters: {} }), 400, 'INVALID_BODY');
      expectError(await api.post(NT.board, '/views', { name: 'x', filters: { stage: 'Nope' } }), 400, 'INVALID_BODY');
      expectError(await api.post(NT.board, '/views', { name: 'x', filters: { colour: 'red' } }), 400, 'INVALID_BODY');
      expectError(await api.post(NT.board, '/views', { name: 'x' }), 400, 'INVALID_BODY');
      expectError(await api.post(NT.board, '/views', { name: 'x'.repeat(101), filters: {} }), 400, 'INVALID_BODY');
      expectError(await api.get(NT.board, '/views/00000000-0000-0000-0000-000000000000'), 404, 'NOT_FOUND');
      expectError(await api.get(NT.board, '/views/not-an-id'), 404, 'NOT_FOUND');
      const missing = await api
        .http()
        .delete('/views/00000000-0000-0000-0000-000000000000')
        .set(await api.authHeader(NT.board));
      expectError(missing, 404, 'NOT_FOUND');
      expectError(await api.http().get('/views'), 401);
    });
  });

  describe('GET /overview', () => {
    it('counts the nominations in scope by stage, block, award and year, and links overdue ones to the Temporal UI', async () => {
      const { position } = await api.submitted();
      const response = await api.get(NT.board, '/overview', { 'X-Laurel-Position': position });
      expect(response.status).toBe(200);
      const overview = response.body as {
        total: number;
        byStage: Array<{ stage: string; count: number }>;
        byBlock: Array<{ blockId: string; count: number }>;
        byAward: Array<{ awardType: string; count: number }>;
        byYear: Array<{ campaignYear: number; count: number }>;
        overdue: unknown[];
        temporalUi: { url: string; namespace: string } | null;
      };
      expect(overview.total).toBeGreaterThanOrEqual(1);
      expect(overview.byStage.find((s) => s.stage === 'BlockVote')?.count).toBeGreaterThanOrEqual(1);
      expect(overview.byBlock.find((b) => b.blockId === NT.block)?.count).toBeGreaterThanOrEqual(1);
      const sum = (list: Array<{ count: number }>) => list.reduce((n, x) => n + x.count, 0);
      expect(sum(overview.byStage)).toBe(overview.total);
      expect(sum(overview.byAward)).toBe(overview.total);
      expect(sum(overview.byYear)).toBe(overview.total);
      expect(overview.temporalUi).toEqual({ url: 'http://127.0.0.1:8233', namespace: api.config.TEMPORAL_NAMESPACE });
      // Another province's Board sees none of Ninh Thuận's.
      const other = await api.get('ht-board-officer', '/overview');
      expect(other.body.byBlock.find((b: { blockId: string }) => b.blockId === NT.block)).toBeUndefined();
    });

    it('is for the Board, the chairman, auditors and admins only', async () => {
      for (const user of [NT.chairman, NT.auditor, ADMIN]) expect((await api.get(user, '/overview')).status).toBe(200);
      expectError(await api.get(NT.officer, '/overview'), 403, 'ROLE_NOT_ALLOWED');
      expectError(await api.get(NT.voters[0], '/overview'), 403, 'ROLE_NOT_ALLOWED');
    });
  });

  it('GET /auth/config answers without a token: embedded mode here', async () => {
    const response = await api.http().get('/auth/config');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ mode: 'embedded' });
  });
});
