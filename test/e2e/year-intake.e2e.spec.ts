import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { v5 as uuidv5 } from 'uuid';
import { IDEMPOTENT_NOMINATION_NAMESPACE } from '../../apps/api/src/nominations/draft-nomination/draft-nomination.handler';
import { DossiersService } from '../../apps/api/src/dossiers/dossiers.service';
import { ApiHarness, NT, expectError } from '../support/api-harness';

/**
 * The emulation year's intake over real HTTP: a campaign (its own workflow and
 * stream) with an intake window and quotas, a unit's dossier of 3 collectives
 * and 12 individuals imported from XLSX, a bad row refused by number with
 * nothing created, the quota refusing the one nomination too many, and the
 * inbox counts after each step.
 * Over 400 lines on purpose: the cases share one stack, and later ones build on the campaign the first opens.
 */

const YEAR = new Date().getUTCFullYear() - 1;
const HEADERS = [
  'STT',
  'Cá nhân/Tập thể (*)',
  'Họ và tên/Tên tập thể (*)',
  'Ngày sinh',
  'Chức vụ',
  'Hình thức khen thưởng (*)',
  'Tóm tắt thành tích (*)',
  'Năm đạt CSTĐCS',
  'Năm HTXSNV',
  'Mã định danh',
];
const COLLECTIVES = ['Phòng Tổng hợp', 'Phòng Hành chính – Tài chính', 'Phòng Lưu trữ'];
const PEOPLE = [
  'Nguyễn Thị Thu Hà',
  'Trần Văn Bình',
  'Lê Thị Mỹ Duyên',
  'Phạm Quốc Khánh',
  'Hoàng Thị Lan',
  'Đặng Minh Tuấn',
  'Võ Thị Hồng Nhung',
  'Bùi Đức Thắng',
  'Đỗ Thị Ngọc Ánh',
  'Huỳnh Văn Lực',
  'Ngô Thị Kim Oanh',
  'Dương Văn Sơn',
];

function listRows(tag: string, birth: (i: number) => string = (i) => `${10 + i}/0${1 + (i % 9)}/19${80 + i}`) {
  const rows: string[][] = [HEADERS];
  COLLECTIVES.forEach((name) =>
    rows.push([
      String(rows.length),
      'Tập thể',
      `${name} ${tag}`,
      '',
      '',
      'Bằng khen của Chủ tịch UBND tỉnh',
      'Hai năm liền hoàn thành xuất sắc nhiệm vụ.',
      '',
      `${YEAR - 1}, ${YEAR}`,
      '',
    ]),
  );
  PEOPLE.forEach((name, i) =>
    rows.push([
      String(rows.length),
      'Cá nhân',
      name,
      birth(i),
      'Chuyên viên',
      'Bằng khen của Chủ tịch UBND tỉnh',
      'Hai năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở.',
      `${YEAR - 1}, ${YEAR}`,
      `${YEAR - 1}, ${YEAR}`,
      `${tag}-${i + 1}`,
    ]),
  );
  return rows;
}

async function xlsx(rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const EVIDENCE = ['proposal_letter', 'achievement_report', 'unit_council_minutes'].map((kind, i) => ({
  documentId: `dossier-doc-${randomUUID()}`,
  title: ['Tờ trình đề nghị khen thưởng', 'Báo cáo thành tích', 'Biên bản họp Hội đồng thi đua'][i]!,
  kind,
  sizeBytes: 40_000 + i,
  sha256: randomBytes(32).toString('hex'),
}));

interface BatchBody {
  dossierId: string;
  total: number;
  succeeded: number;
  failed: number;
  position?: string;
  items: { itemNo: number; nominationId: string; ok: boolean; stage?: string; code?: string }[];
}

describe('the emulation year: campaigns, a dossier imported from XLSX, quotas', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  async function campaign(plannedAwards: unknown[], window = { fromHours: -1, toHours: 48 }, open = true) {
    const now = Date.now();
    const response = await api.post(NT.board, '/campaigns', {
      title: `Đợt thi đua năm ${YEAR} ${randomUUID().slice(0, 6)}`,
      kind: 'yearly',
      fromYear: YEAR,
      toYear: YEAR,
      criteria: ['Hoàn thành xuất sắc nhiệm vụ chính trị được giao'],
      plannedAwards,
      intakeOpensAt: new Date(now + window.fromHours * 3_600_000).toISOString(),
      intakeClosesAt: new Date(now + window.toHours * 3_600_000).toISOString(),
      open,
    });
    expect(response.status).toBe(201);
    return response.body as { campaignId: string; stage: string; eventTypes: string[] };
  }

  async function tasksFor(user: string, ids: Set<string>, position?: string): Promise<number> {
    const response = await api.get(user, '/tasks?limit=500', position ? { 'X-Laurel-Position': position } : {});
    expect(response.status).toBe(200);
    return (response.body.items as { nominationId: string }[]).filter((t) => ids.has(t.nominationId)).length;
  }

  it('runs a campaign as a workflow with its own stream, and imports a dossier of 3 collectives and 12 individuals', async () => {
    const created = await campaign([{ awardType: 'ProvincialCertificateOfMerit', quota: 15 }]);
    expect(created.stage).toBe('Open');
    expect(created.eventTypes).toEqual(['CampaignCreated', 'CampaignOpened', 'IntakeOpened']);
    const { campaignId } = created;

    const stream = [];
    for await (const e of api.stores.events.readStream(`campaign-${campaignId}`)) stream.push(e.type);
    expect(stream).toEqual(['CampaignCreated', 'CampaignOpened', 'IntakeOpened']);
    const description = await api.client.workflow.getHandle(`campaign-${campaignId}`).describe();
    expect(description.type).toBe('campaignWorkflow');
    expect(description.status.name).toBe('RUNNING');

    // The template is offered with its Vietnamese headers.
    const template = await api
      .http()
      .get('/dossiers/template?format=xlsx')
      .set(await api.authHeader(NT.officer))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(template.status).toBe(200);
    expect(template.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as never);
    expect(workbook.worksheets[0]!.getRow(1).getCell(3).text).toBe('Họ và tên/Tên tập thể (*)');

    const contentBase64 = await xlsx(listRows('A'));
    const response = await api.post(NT.officer, '/dossiers', {
      campaignId,
      format: 'xlsx',
      fileName: 'danh-sach.xlsx',
      contentBase64,
      evidence: EVIDENCE,
    });
    expect(response.status).toBe(201);
    const batch = response.body as BatchBody;
    expect(batch).toMatchObject({ total: 15, succeeded: 15, failed: 0 });
    const ids = new Set(batch.items.map((i) => i.nominationId));
    expect(ids.size).toBe(15);

    // Each nominee is its own nomination, with its own stream, grouped by dossierId and owned by the campaign.
    const first = await api.stream(batch.items[0]!.nominationId);
    expect(first[0]!.type).toBe('NominationDrafted');
    expect(first[0]!.data).toMatchObject({ campaignId, dossierId: batch.dossierId });

    // Inbox: the head has 15 drafts to submit, the officer 15 to edit.
    expect(await tasksFor(NT.head, ids, batch.position)).toBe(15);
    expect(await tasksFor(NT.officer, ids, batch.position)).toBe(15);

    const view = await api.get(NT.officer, `/dossiers/${batch.dossierId}`, { 'X-Laurel-Position': batch.position! });
    expect(view.status).toBe(200);
    expect(view.body.items).toHaveLength(15);
    expect(view.body.items.filter((i: { kind: string }) => i.kind === 'collective')).toHaveLength(3);
    expect(view.body.stages).toEqual({ Draft: 15 });

    const quota = await api.get(NT.board, `/campaigns/${campaignId}`);
    expect(quota.body.plannedAwards).toEqual([
      { awardType: 'ProvincialCertificateOfMerit', quota: 15, admitted: 15, left: 0 },
    ]);

    // Importing the same file again resumes it: nothing is created twice.
    const again = await api.post(NT.officer, '/dossiers', {
      campaignId,
      format: 'xlsx',
      fileName: 'danh-sach.xlsx',
      contentBase64,
      evidence: EVIDENCE,
    });
    expect(again.status).toBe(201);
    expect((again.body as BatchBody).dossierId).toBe(batch.dossierId);
    expect((again.body as BatchBody).items.map((i) => i.nominationId)).toEqual(batch.items.map((i) => i.nominationId));

    // The unit head submits the dossier: one result per item, and the block's voters each get 15 ballots to cast.
    const submitted = await api.post(NT.head, `/dossiers/${batch.dossierId}/submit`, {});
    expect(submitted.status).toBe(200);
    const submitBatch = submitted.body as BatchBody;
    expect(submitBatch).toMatchObject({ total: 15, succeeded: 15, failed: 0 });
    expect(new Set(submitBatch.items.map((i) => i.stage))).toEqual(new Set(['BlockVote']));
    expect(await tasksFor(NT.head, ids, submitBatch.position)).toBe(0);
    expect(await tasksFor(NT.voters[0], ids, submitBatch.position)).toBe(15);
    expect(await tasksFor(NT.voters[6], ids, submitBatch.position)).toBe(15);

    // Submitting again acts on nothing twice: every item answers its first result.
    const resubmitted = await api.post(NT.head, `/dossiers/${batch.dossierId}/submit`, {});
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ succeeded: 15, failed: 0 });
    expect(await api.streamVersion(batch.items[0]!.nominationId)).toBe(first.length + 1);
  });

  it('refuses a list with an impossible date by its row number, and creates nothing', async () => {
    const { campaignId } = await campaign([{ awardType: 'ProvincialCertificateOfMerit' }]);
    const rows = listRows('B', (i) => (i === 4 ? '31/02/1985' : `0${1 + (i % 9)}/03/1980`));
    const response = await api.post(NT.officer, '/dossiers', {
      campaignId,
      format: 'xlsx',
      fileName: 'danh-sach-loi.xlsx',
      contentBase64: await xlsx(rows),
      evidence: EVIDENCE,
    });
    const error = expectError(response, 400, 'DOSSIER_INVALID');
    // Header row 1, three collectives on rows 2–4, the fifth person on row 9.
    expect(error.details['problems']).toEqual([
      {
        row: 9,
        column: 'Ngày sinh',
        code: 'DATE_IMPOSSIBLE',
        params: { value: '31/02/1985' },
        reason: '"31/02/1985" is an impossible date',
      },
    ]);
    const after = await api.get(NT.board, `/campaigns/${campaignId}`);
    expect(after.body.admittedCount).toBe(0);
    const dossiers = await api.get(NT.officer, `/dossiers?campaignId=${campaignId}`);
    expect(dossiers.body.items).toEqual([]);
  });

  it('refuses the third nomination beyond a quota of 2, with the reason', async () => {
    const { campaignId } = await campaign([{ awardType: 'ProvincialCertificateOfMerit', quota: 2 }]);
    const body = (n: number) => ({
      nominee: { kind: 'individual', name: `Người thứ ${n}`, personId: `quota-${randomUUID()}` },
      awardType: 'ProvincialCertificateOfMerit',
      campaignYear: YEAR,
      achievements: 'Hoàn thành xuất sắc nhiệm vụ hai năm liền.',
      record: {
        titles: [
          { year: YEAR - 1, title: 'GrassrootsEmulationFighter' },
          { year: YEAR, title: 'GrassrootsEmulationFighter' },
        ],
        ratings: [],
        initiatives: [],
      },
      evidence: EVIDENCE,
      campaignId,
    });
    const admitted = [];
    for (const n of [1, 2]) {
      const drafted = await api.post(NT.officer, '/nominations', body(n));
      expect(drafted.status).toBe(201);
      admitted.push(drafted.body.nominationId as string);
    }
    const third = expectError(await api.post(NT.officer, '/nominations', body(3)), 409, 'QUOTA_EXCEEDED');
    expect(third.message).toContain('at most 2');
    expect(third.details).toMatchObject({
      campaignId,
      quota: 2,
      admitted: 2,
      awardType: 'ProvincialCertificateOfMerit',
    });
    const stream = [];
    for await (const e of api.stores.events.readStream(`campaign-${campaignId}`)) stream.push(e.type);
    expect(stream.filter((t) => t === 'NominationAdmitted')).toHaveLength(2);

    // Withdrawing one nomination on its own gives its place back: the third is admitted now.
    const withdrawn = await api.post(NT.head, `/nominations/${admitted[0]}/withdraw`, {
      reason: 'Đơn vị rút đề nghị.',
    });
    expect(withdrawn.status).toBe(200);
    expect((await api.get(NT.board, `/campaigns/${campaignId}`)).body.admittedCount).toBe(1);
    expect((await api.post(NT.officer, '/nominations', body(3))).status).toBe(201);
  });

  it('a campaign whose admission was stored by an earlier attempt answers it instead of failing on the conflict', async () => {
    const { campaignId } = await campaign([{ awardType: 'ProvincialCertificateOfMerit', quota: 5 }]);
    // The nomination's id follows from the officer and the Idempotency-Key, so its admission can be stored
    // first, as an attempt whose workflow task then failed would have left it.
    const key = `catch-up-${randomUUID()}`;
    const nominationId = uuidv5(`${NT.officer}\n${key}`, IDEMPOTENT_NOMINATION_NAMESPACE);
    const stream = `campaign-${campaignId}`;
    const version = await api.stores.events.streamVersion(stream);
    await api.stores.events.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'NominationAdmitted',
          data: {
            at: new Date().toISOString(),
            by: { userId: NT.officer, role: 'unit_officer' },
            nominationId,
            awardType: 'ProvincialCertificateOfMerit',
            campaignYear: YEAR,
            province: NT.province,
            unitId: NT.proposingUnit,
          },
          metadata: {
            actor: { userId: NT.officer, role: 'unit_officer' },
            causationId: `Admit:${nominationId}`,
            correlationId: campaignId,
            schemaVersion: 1,
          },
        },
      ],
      version,
    );
    const drafted = await api.post(
      NT.officer,
      '/nominations',
      {
        nominee: { kind: 'individual', name: 'Người đã được nhận', personId: `catch-up-${randomUUID()}` },
        awardType: 'ProvincialCertificateOfMerit',
        campaignYear: YEAR,
        achievements: 'Hoàn thành xuất sắc nhiệm vụ hai năm liền.',
        record: {
          titles: [
            { year: YEAR - 1, title: 'GrassrootsEmulationFighter' },
            { year: YEAR, title: 'GrassrootsEmulationFighter' },
          ],
          ratings: [],
          initiatives: [],
        },
        evidence: EVIDENCE,
        campaignId,
      },
      { 'Idempotency-Key': key },
    );
    expect(drafted.status).toBe(201);
    expect(drafted.body.nominationId).toBe(nominationId);
    const types = [];
    for await (const e of api.stores.events.readStream(stream)) types.push(e.type);
    expect(types.filter((t) => t === 'NominationAdmitted')).toHaveLength(1);
    expect((await api.get(NT.board, `/campaigns/${campaignId}`)).body.admittedCount).toBe(1);
  });

  it('refuses a nomination outside the intake window, and a dossier that would overrun a quota, naming the rows', async () => {
    const later = await campaign([{ awardType: 'ProvincialCertificateOfMerit' }], { fromHours: 24, toHours: 48 });
    const refused = await api.post(NT.officer, '/nominations', {
      nominee: { kind: 'collective', name: 'Phòng Tổng hợp' },
      awardType: 'ProvincialCertificateOfMerit',
      campaignYear: YEAR,
      achievements: 'Hai năm liền hoàn thành xuất sắc nhiệm vụ.',
      record: {
        titles: [],
        ratings: [
          { year: YEAR - 1, rating: 'Excellent' },
          { year: YEAR, rating: 'Excellent' },
        ],
        initiatives: [],
      },
      evidence: EVIDENCE,
      campaignId: later.campaignId,
    });
    expectError(refused, 409, 'INTAKE_NOT_STARTED');

    const small = await campaign([{ awardType: 'ProvincialCertificateOfMerit', quota: 13 }]);
    const response = await api.post(NT.officer, '/dossiers', {
      campaignId: small.campaignId,
      format: 'xlsx',
      fileName: 'danh-sach.xlsx',
      contentBase64: await xlsx(listRows('C')),
      evidence: EVIDENCE,
    });
    const error = expectError(response, 400, 'DOSSIER_INVALID');
    expect((error.details['problems'] as { row: number }[]).map((p) => p.row)).toEqual([15, 16]);
    // Worded by its code and params in the web app: how many places were left, for which award.
    expect((error.details['problems'] as { code: string; params: unknown }[]).map((p) => [p.code, p.params])).toEqual([
      ['QUOTA_EXCEEDED', { left: 13, awardType: 'ProvincialCertificateOfMerit' }],
      ['QUOTA_EXCEEDED', { left: 13, awardType: 'ProvincialCertificateOfMerit' }],
    ]);
    expect((await api.get(NT.board, `/campaigns/${small.campaignId}`)).body.admittedCount).toBe(0);
  });

  it('reads a CSV list with a byte-order mark and withdraws the dossier item by item', async () => {
    const { campaignId } = await campaign([{ awardType: 'ProvincialCertificateOfMerit', quota: 15 }]);
    const csv =
      '\uFEFF' +
      listRows('D')
        .slice(0, 4)
        .map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','))
        .join('\r\n');
    const response = await api.post(NT.officer, '/dossiers', {
      campaignId,
      format: 'csv',
      fileName: 'danh-sach.csv',
      contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
      evidence: EVIDENCE,
    });
    expect(response.status).toBe(201);
    const batch = response.body as BatchBody;
    expect(batch).toMatchObject({ total: 3, succeeded: 3 });
    const withdrawn = await api.post(NT.head, `/dossiers/${batch.dossierId}/withdraw`, { reason: 'Đơn vị rút hồ sơ.' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ succeeded: 3, failed: 0 });
    expect((await api.get(NT.board, `/campaigns/${campaignId}`)).body.admittedCount).toBe(0);
  });

  it('registers titles, records the covenant signatures and the block leader per period, whom the role follows', async () => {
    const year = YEAR + 1;
    const entries = [
      { kind: 'individual', name: 'Nguyễn Thị Thu Hà', personId: 'reg-1', title: 'GrassrootsEmulationFighter' },
      { kind: 'collective', name: 'Phòng Tổng hợp', title: 'AdvancedLabourCollective' },
    ];
    const registered = await api.post(NT.officer, '/registrations', { year, entries });
    expect(registered.status).toBe(201);
    expect(registered.body.entries).toHaveLength(2);
    // Registering the same again adds nothing; another title for the same person is refused.
    expect((await api.post(NT.officer, '/registrations', { year, entries })).body.version).toBe(
      registered.body.version,
    );
    expectError(
      await api.post(NT.officer, '/registrations', { year, entries: [{ ...entries[0], title: 'AdvancedWorker' }] }),
      409,
      'ALREADY_REGISTERED',
    );
    expectError(
      await api.get(NT.voters[0], `/registrations?year=${year}&unit=${NT.proposingUnit}`),
      403,
      'OUT_OF_SCOPE',
    );

    const signed = await api.post(NT.head, `/blocks/${NT.block}/covenants/${year}/signatures`, {});
    expect(signed.status).toBe(201);
    expect(signed.body.signed.map((s: { unitId: string }) => s.unitId)).toEqual([NT.proposingUnit]);
    expect(signed.body.missing).toHaveLength(7);
    expectError(await api.post(NT.head, `/blocks/${NT.block}/covenants/${year}/signatures`, {}), 409, 'ALREADY_DONE');

    const first = await api.post(NT.board, `/blocks/${NT.block}/leaders`, {
      unitId: NT.proposingUnit,
      fromYear: year - 2,
      toYear: year - 1,
    });
    expect(first.status).toBe(201);
    const second = await api.post(NT.board, `/blocks/${NT.block}/leaders`, { unitId: 'nt-propaganda', fromYear: year });
    expect(second.body.current).toEqual({ unitId: 'nt-propaganda', fromYear: year });
    const before = await api.get(NT.board, `/blocks/${NT.block}/leaders?year=${year - 1}`);
    expect(before.body.current.unitId).toBe(NT.proposingUnit);
    expect(before.body.history.map((h: { unitId: string }) => h.unitId)).toEqual([NT.proposingUnit, 'nt-propaganda']);
    expectError(
      await api.post(NT.officer, `/blocks/${NT.block}/leaders`, { unitId: 'nt-propaganda', fromYear: year }),
      403,
      'ROLE_NOT_ALLOWED',
    );

    // The block-leader role follows the record: the directory's leader account (its unit nt-organisation)
    // is out of office while the record names nt-propaganda for this year, and back when it names it again.
    const openSession = () => api.post(NT.leader, '/block-sessions', { nominationIds: [] });
    expect(expectError(await openSession(), 403, 'NOT_BLOCK_LEADER').details).toMatchObject({
      leaderUnitId: 'nt-propaganda',
      year,
    });
    expectError(await api.get(NT.leader, '/tasks'), 403, 'NOT_BLOCK_LEADER');
    expect((await api.get(NT.leader, '/me')).status).toBe(200);
    await api.post(NT.board, `/blocks/${NT.block}/leaders`, { unitId: 'nt-organisation', fromYear: year });
    expect((await openSession()).body.error?.code).not.toBe('NOT_BLOCK_LEADER');
    expect((await api.get(NT.leader, '/tasks')).status).toBe(200);
  });

  it('resumes a batch that a stopped process left unfinished, acting on no item twice', async () => {
    const { campaignId } = await campaign([{ awardType: 'ProvincialCertificateOfMerit', quota: 15 }]);
    const imported = await api.post(NT.officer, '/dossiers', {
      campaignId,
      format: 'xlsx',
      fileName: 'danh-sach.xlsx',
      contentBase64: await xlsx(listRows('E').slice(0, 4)),
      evidence: EVIDENCE,
    });
    expect(imported.status).toBe(201);
    const batch = imported.body as BatchBody;
    // One item submitted by the batch's own key, then the process "stops": the batch's start is recorded, its end never.
    const stream = `dossier-${batch.dossierId}`;
    const version = await api.stores.events.streamVersion(stream);
    await api.stores.events.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'DossierBatchStarted',
          data: {
            batchId: 'batch-cut-short',
            action: 'submit',
            total: 3,
            at: new Date().toISOString(),
            by: { userId: NT.head, role: 'unit_head' },
          },
          metadata: { actor: { userId: NT.head, role: 'unit_head' }, correlationId: batch.dossierId, schemaVersion: 1 },
        },
      ],
      version,
    );
    const first = batch.items[0]!.nominationId;
    const done = await api.post(
      NT.head,
      `/nominations/${first}/submit`,
      {},
      { 'Idempotency-Key': `dossier:${batch.dossierId}:submit` },
    );
    expect(done.status).toBe(200);
    const view = await api.get(NT.officer, `/dossiers/${batch.dossierId}`);
    expect(view.body.unfinishedBatch).toMatchObject({ batchId: 'batch-cut-short', action: 'submit' });

    const resumed = await api.post(NT.head, `/dossiers/${batch.dossierId}/submit`, {});
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ batchId: 'batch-cut-short', resumed: true, succeeded: 3, failed: 0 });
    // The item done before the stop was answered from its first result: one submission in its stream.
    const events = await api.stream(first);
    expect(events.filter((e) => e.type === 'NominationSubmitted')).toHaveLength(1);
    const after = await api.get(NT.officer, `/dossiers/${batch.dossierId}`);
    expect(after.body.unfinishedBatch).toBeNull();

    // A withdrawal cut short the same way is finished by the next API to start, as it was asked, reason and all.
    const started = await api.stores.events.streamVersion(stream);
    // Another writer of the stopped process still committing: the whole-log read shows nothing after it began.
    const slowWriter = await api.holdStoreTransaction();
    await api.stores.events.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'DossierBatchStarted',
          data: {
            batchId: 'withdrawal-cut-short',
            action: 'withdraw',
            total: 3,
            reason: 'Đơn vị rút hồ sơ để bổ sung.',
            at: new Date().toISOString(),
            by: { userId: NT.head, role: 'unit_head' },
          },
          metadata: { actor: { userId: NT.head, role: 'unit_head' }, correlationId: batch.dossierId, schemaVersion: 1 },
        },
      ],
      started,
    );
    const resuming = api.app.get(DossiersService).resumeUnfinished();
    // The start waits for it to settle instead of missing the cut-short batch.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await slowWriter?.release();
    const outcome = await resuming;
    expect(outcome).toEqual({ resumed: [batch.dossierId], left: [], settled: true });
    const finished = await api.get(NT.officer, `/dossiers/${batch.dossierId}`);
    expect(finished.body.unfinishedBatch).toBeNull();
    const withdrawal = (await api.stream(first)).find((e) => e.type === 'NominationWithdrawn');
    expect(withdrawal?.data).toMatchObject({ reason: 'Đơn vị rút hồ sơ để bổ sung.' });
    expect((await api.app.get(DossiersService).resumeUnfinished()).resumed).toEqual([]);
  });
});
