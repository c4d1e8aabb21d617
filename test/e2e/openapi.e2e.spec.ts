// The OpenAPI document against the running API: GET /me and GET /directory,
// then one nomination driven to its decision (a secret-ballot award) and every
// read's real answer parsed with the zod schema the document was made from.
// zod drops fields a schema does not name, so `parsed` equals the body only
// when the document names every field the API sends.
import type { z } from 'zod';
import {
  auditExportLineSchema,
  historyPageSchema,
  nominationVerificationSchema,
  stateAtSchema,
  storeVerificationSchema,
} from '../../apps/api/src/audit/audit-response-schemas';
import { accessTokenSchema } from '../../apps/api/src/auth/issue-access-token.command';
import { errorBodySchema } from '../../apps/api/src/common/openapi';
import { directoryViewSchema, type DirectoryView } from '../../apps/api/src/directory/get-directory.query';
import { rebuildResultSchema } from '../../apps/api/src/admin/rebuild-response-schemas';
import { healthReportSchema } from '../../apps/api/src/health/health-response-schemas';
import { meSchema, type Me } from '../../apps/api/src/me/get-me.query';
import { actionResultSchema } from '../../apps/api/src/nominations/action-result.schema';
import {
  nominationDetailSchema,
  nominationPageSchema,
} from '../../apps/api/src/nominations/nomination-response-schemas';
import { taskListSchema } from '../../apps/api/src/tasks/task-response-schemas';
import { ADMIN, ApiHarness, NT, draftBody, evidence, expectError } from '../support/api-harness';

const year = new Date().getUTCFullYear() - 1;

/** A Provincial Emulation Fighter nomination: its council votes by secret ballot. */
const fighterDraft = draftBody({
  awardType: 'ProvincialEmulationFighter',
  record: {
    titles: [year - 2, year - 1, year].map((y) => ({ year: y, title: 'GrassrootsEmulationFighter' })),
    ratings: [],
    initiatives: [{ year, title: 'Số hoá quy trình tiếp nhận hồ sơ', scope: 'province' }],
  },
  evidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes', 'initiative_certificate'].map(evidence),
});

/** The body, as the schema reads it: equal to the body only if the schema names every field. */
function expectDescribed(schema: z.ZodType, body: unknown): void {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`does not match the schema: ${parsed.error.message}\n${JSON.stringify(body)}`);
  expect(parsed.data).toEqual(body);
}

let api: ApiHarness;

beforeAll(async () => {
  api = await ApiHarness.start();
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

describe('GET /me', () => {
  it('names the unit user, their unit, block and province', async () => {
    const response = await api.get(NT.head, '/me');
    expect(response.status).toBe(200);
    expectDescribed(meSchema, response.body);
    expect(response.body as Me).toEqual({
      userId: NT.head,
      displayName: 'Nguyễn Văn Thành',
      role: 'unit_head',
      unitId: NT.proposingUnit,
      blockId: NT.block,
      provinceId: NT.province,
      unit: { id: NT.proposingUnit, name: 'Văn phòng Tỉnh ủy Ninh Thuận' },
      block: { id: NT.block, name: 'Khối các cơ quan Đảng tỉnh Ninh Thuận' },
      province: { id: NT.province, name: 'Ninh Thuận' },
      authentication: 'embedded',
    } satisfies Me);
  });

  it('an administrator has no unit, block or province', async () => {
    const response = await api.get(ADMIN, '/me');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      userId: ADMIN,
      role: 'admin',
      unitId: null,
      blockId: null,
      provinceId: null,
    });
  });

  it('refuses a call without a token', async () => {
    const response = await api.http().get('/me');
    expectError(response, 401);
    expectDescribed(errorBodySchema, response.body);
  });
});

describe('GET /directory', () => {
  it('gives a province user their province: blocks with members and leader, units with names', async () => {
    for (const user of [NT.auditor, NT.board, NT.officer]) {
      const response = await api.get(user, '/directory');
      expect(response.status).toBe(200);
      expectDescribed(directoryViewSchema, response.body);
      const view = response.body as DirectoryView;
      expect(view.provinces).toEqual([{ id: NT.province, name: 'Ninh Thuận' }]);
      expect(new Set(view.blocks.map((b) => b.provinceId))).toEqual(new Set([NT.province]));
      expect(new Set(view.units.map((u) => u.provinceId))).toEqual(new Set([NT.province]));
      const block = view.blocks.find((b) => b.id === NT.block)!;
      expect(block.memberUnitIds).toEqual(api.directory.block(NT.block)!.memberUnitIds);
      expect(block.leader).toMatchObject({ userId: NT.leader, displayName: 'Ngô Thị Kim Liên' });
      expect(view.units).toContainEqual({
        id: NT.proposingUnit,
        name: 'Văn phòng Tỉnh ủy Ninh Thuận',
        provinceId: NT.province,
        blockId: NT.block,
      });
      // Every member of every block is listed with its name, and every name is in NFC.
      const unitIds = new Set(view.units.map((u) => u.id));
      for (const b of view.blocks) for (const id of b.memberUnitIds) expect(unitIds).toContain(id);
      for (const u of view.units) expect(u.name).toBe(u.name.normalize('NFC'));
    }
  });

  it('gives an administrator every province', async () => {
    const response = await api.get(ADMIN, '/directory');
    expect(response.status).toBe(200);
    expectDescribed(directoryViewSchema, response.body);
    const view = response.body as DirectoryView;
    expect(view.provinces.map((p) => p.id)).toEqual(api.directory.provinces().map((p) => p.id));
    expect(new Set(view.blocks.map((b) => b.provinceId)).size).toBe(view.provinces.length);
  });

  it('refuses a call without a token', async () => {
    expectError(await api.http().get('/directory'), 401);
  });
});

describe('every read answers what the document says', () => {
  let id: string;
  /** The decision's store position: reads pass it to see the nomination as decided. */
  let decidedAt: string;

  beforeAll(async () => {
    const drafted = await api.post(NT.officer, '/nominations', fighterDraft);
    expect(drafted.status).toBe(201);
    expectDescribed(actionResultSchema, drafted.body);
    id = (drafted.body as { nominationId: string }).nominationId;
    await api.act(NT.head, `/nominations/${id}/submit`);
    for (const voter of NT.voters.slice(0, 5)) await api.act(voter, `/nominations/${id}/votes`, { choice: 'approve' });
    await api.act(NT.leader, `/nominations/${id}/block-vote/close`);
    for (const member of NT.council) {
      await api.act(member, `/nominations/${id}/council-opinions`, { recommendation: 'approve' });
    }
    const decided = await api.act(NT.chairman, `/nominations/${id}/decision`, {
      outcome: 'approved',
      decisionNumber: '163/QĐ-UBND',
    });
    decidedAt = decided.position;
  }, 180_000);

  it('POST /auth/token', async () => {
    const response = await api.http().post('/auth/token').send({ username: NT.auditor, password: api.password });
    expect(response.status).toBe(200);
    expectDescribed(accessTokenSchema, response.body);
  });

  it('GET /nominations and GET /nominations/:id, secret ballots sealed', async () => {
    const list = await api.get(NT.auditor, `/nominations?limit=200&position=${decidedAt}`);
    expect(list.status).toBe(200);
    expectDescribed(nominationPageSchema, list.body);
    const detail = await api.get(NT.auditor, `/nominations/${id}`, { 'X-Laurel-Position': decidedAt });
    expect(detail.status).toBe(200);
    expectDescribed(nominationDetailSchema, detail.body);
    const body = detail.body as z.output<typeof nominationDetailSchema>;
    expect(body.state.stage).toBe('Closed');
    if (body.state.stage !== 'Closed') return;
    expect(body.state.decision).toMatchObject({ outcome: 'approved', decisionNumber: '163/QĐ-UBND' });
    expect(body.state.blockVote?.tally).toMatchObject({ approve: 5, passed: true });
    expect(new Set(body.state.council?.opinions.map((o) => o.recommendation))).toEqual(new Set(['sealed']));
    expect(body.state.evidence.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);
  });

  it('GET /tasks, pending and done', async () => {
    for (const status of ['pending', 'done']) {
      const response = await api.get(NT.head, `/tasks?status=${status}`);
      expect(response.status).toBe(200);
      expectDescribed(taskListSchema, response.body);
    }
  });

  it('the audit routes', async () => {
    const history = await api.get(NT.auditor, `/nominations/${id}/history`);
    expect(history.status).toBe(200);
    expectDescribed(historyPageSchema, history.body);
    for (const query of ['', '?version=0', '?version=3']) {
      const state = await api.get(NT.auditor, `/nominations/${id}/state${query}`);
      expect(state.status).toBe(200);
      expectDescribed(stateAtSchema, state.body);
    }
    const verify = await api.get(NT.auditor, `/nominations/${id}/verify`);
    expect(verify.status).toBe(200);
    expectDescribed(nominationVerificationSchema, verify.body);
    const verifyAll = await api.get(NT.auditor, '/audit/verify');
    expect(verifyAll.status).toBe(200);
    expectDescribed(storeVerificationSchema, verifyAll.body);
    const exported = await api.get(NT.auditor, `/audit/export?format=ndjson&year=${year}`);
    expect(exported.status).toBe(200);
    const lines = (exported.text ?? '').split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expectDescribed(auditExportLineSchema, JSON.parse(line));
  });

  it('GET /health and the rebuild', async () => {
    const health = await api.http().get('/health');
    expect([200, 503]).toContain(health.status);
    expectDescribed(healthReportSchema, health.body);
    const rebuilt = await api.post(ADMIN, '/admin/projections/rebuild');
    expect(rebuilt.status).toBe(200);
    expectDescribed(rebuildResultSchema, rebuilt.body);
  });

  it('the document gives every operation an operationId and a described answer', async () => {
    const response = await api.http().get('/docs/json');
    expect(response.status).toBe(200);
    const document = response.body as {
      paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: object }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const ids: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(`${method} ${path} ${operation.operationId}`).toMatch(/ [a-z][A-Za-z]+$/);
        ids.push(operation.operationId!);
        const answers = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        expect(answers.length).toBeGreaterThan(0);
        // 204 No Content is the one success that has no body to describe.
        for (const [status, answer] of answers) if (status !== '204') expect(answer.content).toBeDefined();
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['NominationDetail', 'NominationState', 'Me', 'Directory', 'ErrorBody']),
    );
  });
});
