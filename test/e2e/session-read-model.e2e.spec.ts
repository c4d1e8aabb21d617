import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NativeConnection } from '@temporalio/worker';
import { readZip } from '@laurel/infra/documents';
import type { RunningWorker } from '../../apps/worker/src/nomination-worker';
import { createSessionWorker } from '../../apps/worker/src/session-worker';
import { ApiHarness, draftBody, expectError, NT } from '../support/api-harness';
import { testActionVerifier } from '../support/action-keys';
import { testWorkflowBundlePath } from '../support/nomination-harness';
import { connectToTestServer } from '../support/worker';

/**
 * Session views from the sessions read model: read-your-writes after each
 * ballot, paging through the agenda, and the council session's minutes built
 * from the record (DOCX and PDF, their sha256 in the session's stream).
 */

jest.setTimeout(240_000);

const VOTERS: Record<string, string> = {
  'nt-propaganda': 'nt-head-propaganda',
  'nt-inspection': 'nt-head-inspection',
  'nt-organisation': 'nt-head-organisation',
  'nt-mass-mobilisation': 'nt-head-mass-mobilisation',
  'nt-newspaper': 'nt-head-newspaper',
  'nt-internal-affairs': 'nt-head-internal-affairs',
  'nt-political-school': 'nt-head-political-school',
};

interface View {
  sessionId: string;
  stage: string;
  version: number;
  ballots: { at: string; items: number }[];
  items: { nominationId: string; votesDue: number; votesApplied: number; status: string; stage?: string }[];
  progress: { done: number; total: number; finished: boolean };
  page?: { offset: number; limit: number | null; total: number };
  closed?: { quorumMet: boolean; results?: { nominationId: string }[] };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('session views from the read model; council minutes from the record', () => {
  let api: ApiHarness;
  let connection: NativeConnection;
  let sessions: RunningWorker;
  // Rendered minutes go to a folder of the run's own, never into the checkout.
  const OUT = mkdtempSync(join(tmpdir(), 'laurel-minutes-'));

  beforeAll(async () => {
    api = await ApiHarness.start();
    connection = await connectToTestServer();
    sessions = await createSessionWorker({
      config: api.config,
      stores: api.stores,
      client: api.client,
      connection,
      workflowBundlePath: await testWorkflowBundlePath(),
      payloadCodec: null,
      actionVerifier: testActionVerifier,
      overrides: { shutdownGraceTime: '200ms', shutdownForceTime: '1s' },
    });
  });

  afterAll(async () => {
    await sessions?.shutdown().catch(() => undefined);
    await api?.stop();
    await connection?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  async function view(user: string, path: string, status = 200): Promise<View> {
    const response = await api.get(user, path);
    if (response.status !== status) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as View;
  }

  async function until(user: string, path: string, done: (v: View) => boolean): Promise<View> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const v = await view(user, path);
      if (done(v)) return v;
      if (Date.now() > deadline) throw new Error(`${path} never got there: ${JSON.stringify(v.progress)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function file(
    user: string,
    path: string,
  ): Promise<{ status: number; bytes: Buffer; headers: Record<string, string> }> {
    const response = await api
      .http()
      .get(path)
      .set(await api.authHeader(user))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return {
      status: response.status,
      bytes: response.body as Buffer,
      headers: response.headers as Record<string, string>,
    };
  }

  it('a block session: each ballot shows in the very next read, and the agenda pages with its totals', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { nominationId } = await api.act(NT.officer, '/nominations', draftBody({}), 201);
      await api.act(NT.head, `/nominations/${nominationId}/submit`);
      ids.push(nominationId);
    }
    const sessionId = `nt-read-${randomUUID()}`;
    const opened = await api.post(NT.leader, '/block-sessions', {
      sessionId,
      title: 'Phiên bình xét',
      nominationIds: ids,
    });
    expect(opened.status).toBe(201);
    expect((opened.body as View).items.map((i) => i.nominationId)).toEqual(ids);

    let k = 0;
    for (const head of Object.values(VOTERS)) {
      const cast = await api.post(head, `/block-sessions/${sessionId}/ballots`, {
        choices: ids.map((nominationId) => ({ nominationId, choice: 'approve' })),
      });
      expect(cast.status).toBe(200);
      k++;
      const result = cast.body as { version: number; position: string };
      // No position named: the action answered once the read model had it.
      const next = await view(NT.leader, `/block-sessions/${sessionId}`);
      expect(next.ballots).toHaveLength(k);
      expect(next.version).toBe(result.version);
      expect(next.items.every((i) => i.votesDue === k)).toBe(true);
      // Naming the action's position gives the same guarantee to any reader.
      const named = await view(NT.auditor, `/block-sessions/${sessionId}?position=${result.position}`);
      expect(named.ballots).toHaveLength(k);
    }

    const page = await view(NT.leader, `/block-sessions/${sessionId}?offset=1&limit=2`);
    expect(page.items.map((i) => i.nominationId)).toEqual(ids.slice(1, 3));
    expect(page.page).toEqual({ offset: 1, limit: 2, total: 5 });
    // The progress is over the whole agenda, not the page.
    expect(page.progress.total).toBe(5 * 7);
    const whole = await view(NT.leader, `/block-sessions/${sessionId}`);
    expect(whole.page).toEqual({ offset: 0, limit: null, total: 5 });
    expect(whole.items).toHaveLength(5);
    for (const bad of ['limit=0', 'limit=2001', 'offset=-1', 'limit=abc']) {
      expectError(await api.get(NT.leader, `/block-sessions/${sessionId}?${bad}`), 400, 'INVALID_QUERY');
    }
    expectError(await api.get(NT.leader, `/block-sessions/nt-no-such-${randomUUID()}`), 404, 'NOT_FOUND');

    await until(NT.leader, `/block-sessions/${sessionId}?limit=1`, (v) => v.progress.done === v.progress.total);
    expect((await api.post(NT.leader, `/block-sessions/${sessionId}/close`)).status).toBe(200);
    const done = await until(NT.leader, `/block-sessions/${sessionId}`, (v) => v.progress.finished);
    expect(done.items.map((i) => [i.status, i.stage])).toEqual(ids.map(() => ['closed', 'CouncilReview']));
    expect(done.closed?.results?.map((r) => r.nominationId)).toEqual(ids);
    const lastPage = await view(NT.leader, `/block-sessions/${sessionId}?offset=4&limit=10`);
    expect(lastPage.closed?.results?.map((r) => r.nominationId)).toEqual([ids[4]]);
  });

  it('a council session: read-your-writes per ballot, then its minutes as DOCX and PDF from the record', async () => {
    const ids = [(await api.inCouncilReview()).nominationId, (await api.inCouncilReview()).nominationId];
    const sessionId = `nt-council-read-${randomUUID()}`;
    const title = 'Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh quý IV';
    expect((await api.post(NT.board, '/council-sessions', { sessionId, title, nominationIds: ids })).status).toBe(201);
    // Minutes are of a closed session.
    expectError(await api.get(NT.board, `/council-sessions/${sessionId}/minutes?format=pdf`), 409, 'WRONG_STAGE');

    const members = NT.council;
    for (const [k, member] of members.entries()) {
      const ballot = await api.post(member, `/council-sessions/${sessionId}/ballots`, { approve: ids });
      expect(ballot.status).toBe(200);
      const next = await view(NT.board, `/council-sessions/${sessionId}`);
      expect(next.ballots).toHaveLength(k + 1);
      expect(next.version).toBe((ballot.body as { version: number }).version);
      // Who voted and when, never how.
      expect(next.ballots.every((b) => Object.keys(b).sort().join() === 'at,items,memberId')).toBe(true);
    }
    expect((await api.post(NT.board, `/council-sessions/${sessionId}/close`)).status).toBe(200);
    const done = await until(NT.board, `/council-sessions/${sessionId}`, (v) => v.progress.finished);
    expect(done.closed?.quorumMet).toBe(true);
    expect(done.items.map((i) => i.stage)).toEqual(['ProvincialDecision', 'ProvincialDecision']);

    expectError(await api.get(NT.board, `/council-sessions/${sessionId}/minutes?format=odt`), 400, 'INVALID_QUERY');
    expectError(await api.get(NT.head, `/council-sessions/${sessionId}/minutes`), 404);
    const pdf = await file(NT.board, `/council-sessions/${sessionId}/minutes?format=pdf`);
    const docx = await file(NT.board, `/council-sessions/${sessionId}/minutes?format=docx`);
    expect([pdf.status, docx.status]).toEqual([200, 200]);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-laurel-document-id']).toBe(docx.headers['x-laurel-document-id']);
    expect(sha256(pdf.bytes)).toBe(pdf.headers['x-laurel-sha256']);

    writeFileSync(join(OUT, 'minutes.pdf'), pdf.bytes);
    const pdfText = execFileSync('pdftotext', ['-layout', join(OUT, 'minutes.pdf'), '-'], { encoding: 'utf8' })
      .normalize('NFC')
      .replace(/\s+/g, ' ');
    const docxText = readZip(docx.bytes)
      .find((e) => e.name === 'word/document.xml')!
      .data.toString('utf8')
      .replace(/<w:tab\/>|<\/w:p>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .normalize('NFC')
      .replace(/\s+/g, ' ');
    const nominee = (draftBody({}) as { nominee: { name: string } }).nominee.name;
    for (const text of [pdfText, docxText]) {
      expect(text).toContain('BIÊN BẢN');
      expect(text).toContain(sessionId);
      expect(text).toContain('Số thành viên bỏ phiếu: 5/6');
      expect(text).toContain('đủ số thành viên theo quy định');
      expect(text).toContain(nominee);
      expect(text).toMatch(/5 ?\/ ?0 ?\/ ?5/);
    }
    // Rendered, the first page carries ink (the Vietnamese fonts are embedded).
    execFileSync('pdftoppm', [
      '-f',
      '1',
      '-l',
      '1',
      '-r',
      '60',
      '-png',
      '-singlefile',
      join(OUT, 'minutes.pdf'),
      join(OUT, 'minutes'),
    ]);
    expect(readFileSync(join(OUT, 'minutes.png')).length).toBeGreaterThan(10_000);

    // Recorded once in the session's stream, with both digests; asking again adds nothing.
    const again = await file(NT.chairman, `/council-sessions/${sessionId}/minutes?format=pdf`);
    expect(again.bytes.equals(pdf.bytes)).toBe(true);
    const issued = [];
    for await (const e of api.stores.events.readStream(`council-session-${sessionId}`)) {
      if (e.type === 'CouncilSessionMinutesIssued') issued.push(e);
    }
    expect(issued).toHaveLength(1);
    expect(issued[0]!.data['documentId']).toBe(pdf.headers['x-laurel-document-id']);
    expect(issued[0]!.data['files']).toEqual([
      { format: 'docx', sha256: sha256(docx.bytes), sizeBytes: docx.bytes.length },
      { format: 'pdf', sha256: sha256(pdf.bytes), sizeBytes: pdf.bytes.length },
    ]);
    // The same files are served as every issued document is.
    const stored = await file(NT.board, `/documents/${pdf.headers['x-laurel-document-id']}/pdf`);
    expect(stored.bytes.equals(pdf.bytes)).toBe(true);
  });
});
