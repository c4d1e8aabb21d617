// Publication and statistics over real HTTP: nominations driven to their
// decisions (three awarded, one withdrawn, one rejected, one revoked, one left
// in council review for public comment), then the public feed, the figures,
// the exports and the comments.
import ExcelJS from 'exceljs';
import { ApiHarness, NT, expectError } from '../support/api-harness';
import { eventually } from '../support/nomination-harness';

let api: ApiHarness;
const year = new Date().getUTCFullYear() - 1;
let inCouncil: string;
let awardedId: string;

const nominee = (name: string, flags: { frontLine?: boolean; hardshipArea?: boolean } = {}) => ({
  nominee: { kind: 'individual', name, personId: `person-${name}`, position: 'Chuyên viên', ...flags },
});

async function decide(
  name: string,
  flags: { frontLine?: boolean; hardshipArea?: boolean },
  outcome: 'approved' | 'rejected',
) {
  const waiting = await api.awaitingDecision(nominee(name, flags));
  await api.act(
    NT.chairman,
    `/nominations/${waiting.nominationId}/decision`,
    outcome === 'approved'
      ? { outcome, decisionNumber: '163/QĐ-UBND' }
      : { outcome, reason: 'Thành tích chưa tiêu biểu so với các đơn vị trong khối.' },
  );
  return waiting.nominationId;
}

beforeAll(async () => {
  api = await ApiHarness.start();
  awardedId = await decide('Nguyễn Văn An', { frontLine: true }, 'approved');
  await decide('Trần Thị Bình', { frontLine: true, hardshipArea: true }, 'approved');
  await decide('Lê Văn Cường', {}, 'approved');
  await decide('Phạm Thị Dung', { frontLine: true }, 'rejected');
  const revoked = await decide('Hoàng Văn Em', { frontLine: true }, 'approved');
  await api.act(NT.chairman, `/nominations/${revoked}/revocation`, {
    ground: 'forged_documents',
    details: 'Giấy chứng nhận sáng kiến kèm hồ sơ là giả mạo.',
  });
  const withdrawn = await api.submitted(nominee('Đỗ Thị Giang', { frontLine: true }));
  await api.act(NT.head, `/nominations/${withdrawn.nominationId}/withdraw`, { reason: 'Đơn vị rút hồ sơ.' });
  inCouncil = (await api.inCouncilReview(nominee('Vũ Văn Hải'))).nominationId;
  await eventually(async () => {
    const response = await api.get(NT.board, `/statistics?year=${year}`);
    const totals = (response.body as { totals?: { nominations: number; inProgress: number; withdrawn: number } })
      .totals;
    return totals?.nominations === 7 && totals.withdrawn === 1 && totals.inProgress === 1 ? true : undefined;
  }, 'the statistics projection to see every nomination');
}, 300_000);

afterAll(async () => {
  await api?.stop();
});

test('the public feed: no token, standing awards only, only the published fields', async () => {
  const response = await api.http().get(`/public/decisions?province=${NT.province}&year=${year}`);
  expect(response.status).toBe(200);
  const body = response.body as {
    province: { id: string; name: string };
    years: number[];
    decisions: Record<string, unknown>[];
  };
  expect(body.province).toEqual({ id: NT.province, name: 'Ninh Thuận' });
  expect(body.years).toEqual([year]);
  expect(body.decisions).toHaveLength(1);
  const decision = body.decisions[0]!;
  expect(Object.keys(decision).sort()).toEqual(['awardees', 'decisionDate', 'decisionNumber']);
  expect(decision['decisionNumber']).toBe('163/QĐ-UBND');
  const awardees = decision['awardees'] as Record<string, unknown>[];
  for (const awardee of awardees) expect(Object.keys(awardee).sort()).toEqual(['award', 'name', 'position', 'unit']);
  expect(awardees.map((a) => a['name']).sort()).toEqual(['Lê Văn Cường', 'Nguyễn Văn An', 'Trần Thị Bình']);
  expect(awardees[0]).toMatchObject({
    position: 'Chuyên viên',
    unit: 'Văn phòng Tỉnh ủy Ninh Thuận',
    award: 'ProvincialCertificateOfMerit',
  });
  // Withdrawn, rejected, revoked and open nominations: not a trace.
  const text = JSON.stringify(body);
  for (const hidden of ['Phạm Thị Dung', 'Hoàng Văn Em', 'Đỗ Thị Giang', 'Vũ Văn Hải', 'personId', 'frontLine']) {
    expect(text).not.toContain(hidden);
  }

  expectError(await api.http().get('/public/decisions?province=atlantis'), 404, 'NOT_FOUND');
  expectError(await api.http().get(`/public/decisions?province=${NT.province}&year=soon`), 400, 'INVALID_QUERY');
  expectError(await api.http().get('/public/decisions'), 400, 'INVALID_QUERY');
  const provinces = await api.http().get('/public/provinces');
  expect(provinces.body.provinces).toContainEqual({ id: NT.province, name: 'Ninh Thuận', consultsBeforeCouncil: true });
});

test('statistics against figures by hand, within the caller’s province', async () => {
  const response = await api.get(NT.board, `/statistics?year=${year}&groupBy=outcome`);
  expect(response.status).toBe(200);
  // 3 standing individual awards; front line: An, Bình → 2/3 = 66.7 %; hardship: Bình → 1/3.
  expect(response.body.totals).toEqual({
    nominations: 7,
    awarded: 3,
    notAwarded: 1,
    withdrawn: 1,
    expired: 0,
    revoked: 1,
    inProgress: 1,
    individualAwardees: 3,
    collectiveAwardees: 0,
    frontLineAwardees: 2,
    hardshipAreaAwardees: 1,
    frontLineShare: 2 / 3,
    hardshipAreaShare: 1 / 3,
  });
  expect(response.body.filter).toEqual({ province: NT.province, campaignYear: year });
  const outcomes = (
    response.body.groups as { key: { outcome: string }; label: { outcome: string }; nominations: number }[]
  ).map((g) => [g.key.outcome, g.label.outcome, g.nominations]);
  expect(outcomes).toEqual([
    ['Awarded', 'Được khen thưởng', 3],
    ['InProgress', 'Đang xử lý', 1],
    ['NotAwarded', 'Không được khen thưởng', 1],
    ['Revoked', 'Bị thu hồi', 1],
    ['Withdrawn', 'Rút hồ sơ', 1],
  ]);
  const stages = response.body.stages as { stage: string; entered: number }[];
  expect(stages.find((s) => s.stage === 'BlockVote')?.entered).toBe(7);
  expect(stages.find((s) => s.stage === 'ProvincialDecision')?.entered).toBe(5);

  expectError(await api.get(NT.officer, '/statistics'), 403, 'ROLE_NOT_ALLOWED');
  expectError(await api.get(NT.board, '/statistics?province=lao-cai'), 403, 'OUT_OF_SCOPE');
  expectError(await api.get(NT.board, '/statistics?groupBy=colour'), 400, 'INVALID_QUERY');
  expectError(await api.get(NT.board, '/statistics?groupBy=unit,unit'), 400, 'INVALID_QUERY');
  expectError(await api.get(NT.board, '/statistics?yearFrom=2025&yearTo=2020'), 400, 'INVALID_QUERY');
  expectError(await api.http().get('/statistics'), 401);
  const admin = await api.get('admin', `/statistics?year=${year}&groupBy=province`);
  expect(admin.status).toBe(200);
});

test('CSV with a BOM, XLSX, and the annual report', async () => {
  const csv = await api
    .http()
    .get(`/statistics/export.csv?year=${year}&groupBy=unit`)
    .set(await api.authHeader(NT.board))
    .buffer(true);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  const text = csv.text;
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('Văn phòng Tỉnh ủy Ninh Thuận,7,3,');
  expect(text).toContain('66.7');

  const binary = (r: import('superagent').Request) =>
    r.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const xlsx = await binary(
    api
      .http()
      .get(`/statistics/export.xlsx?year=${year}`)
      .set(await api.authHeader(NT.chairman)),
  );
  expect(xlsx.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as never);
  expect(book.worksheets.map((s) => s.name)).toEqual(['Thống kê', 'Thời gian xử lý theo giai đoạn']);

  const annual = await binary(
    api
      .http()
      .get(`/reports/annual/${year}.xlsx`)
      .set(await api.authHeader(NT.auditor)),
  );
  expect(annual.status).toBe(200);
  expect(annual.headers['content-type']).toContain('spreadsheetml');
  const report = new ExcelJS.Workbook();
  await report.xlsx.load(annual.body as never);
  const sheet = report.getWorksheet('Ninh Thuận')!;
  const values = sheet.getSheetValues().flat().map(String);
  expect(values).toContain(`Báo cáo tổng hợp công tác thi đua, khen thưởng năm ${year} — Ninh Thuận`);
  expect(values).toContain('66.7');

  expectError(await api.get(NT.board, '/reports/annual/soon.xlsx'), 400, 'INVALID_PATH');
  expectError(await api.get(NT.board, `/reports/annual/${year}.xlsx?province=lao-cai`), 403, 'OUT_OF_SCOPE');
});

test('a proposal in council review is published for comment; comments reach the council', async () => {
  const listed = await api.http().get(`/public/proposals?province=${NT.province}`);
  expect(listed.status).toBe(200);
  const proposal = (listed.body.proposals as Record<string, unknown>[]).find((p) => p['nominationId'] === inCouncil)!;
  expect(proposal).toMatchObject({ name: 'Vũ Văn Hải', award: 'ProvincialCertificateOfMerit', open: true });
  expect(Date.parse(String(proposal['commentsUntil']))).toBeGreaterThan(Date.now());

  const decomposed = 'Nguye\u0302\u0303n Va\u0306n Kha\u0301ch';
  const posted = await api
    .http()
    .post(`/public/proposals/${inCouncil}/comments`)
    .send({ name: decomposed, text: '  Đồng ý.  ' });
  expect(posted.status).toBe(201);
  expect(Object.keys(posted.body).sort()).toEqual(['commentId', 'recordedAt']);
  await api.http().post(`/public/proposals/${inCouncil}/comments`).send({ text: 'Ẩn danh' }).expect(201);

  expectError(
    await api.http().post(`/public/proposals/${inCouncil}/comments`).send({ text: '   ' }),
    400,
    'INVALID_BODY',
  );
  expectError(
    await api
      .http()
      .post(`/public/proposals/${inCouncil}/comments`)
      .send({ text: 'x'.repeat(2001) }),
    400,
    'INVALID_BODY',
  );
  expectError(
    await api.http().post(`/public/proposals/${inCouncil}/comments`).send({ text: 'a', extra: 1 }),
    400,
    'INVALID_BODY',
  );
  expectError(
    await api.http().post(`/public/proposals/${awardedId}/comments`).send({ text: 'Muộn rồi' }),
    404,
    'NOT_FOUND',
  );
  expectError(await api.http().post('/public/proposals/not-a-uuid/comments').send({ text: 'a' }), 400, 'INVALID_ID');

  const seen = await api.get(NT.council[0], `/nominations/${inCouncil}/comments`);
  expect(seen.status).toBe(200);
  expect(seen.body.comments.map((c: { name: string | null; text: string }) => [c.name, c.text])).toEqual([
    ['Nguyễn Văn Khách', 'Đồng ý.'],
    [null, 'Ẩn danh'],
  ]);
  expectError(await api.get(NT.officer, `/nominations/${inCouncil}/comments`), 403, 'ROLE_NOT_ALLOWED');
  expectError(await api.get('lc-chairman', `/nominations/${inCouncil}/comments`), 403, 'OUT_OF_SCOPE');
  // In their own stream of the store, hash-chained like every other.
  const events = [];
  for await (const e of api.stores.events.readStream(`comment-${inCouncil}`)) events.push(e);
  expect(events.map((e) => [e.version, e.type])).toEqual([
    [1, 'PublicCommentRecorded'],
    [2, 'PublicCommentRecorded'],
  ]);
});
