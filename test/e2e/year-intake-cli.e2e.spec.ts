// `laurel dossiers` and `laurel campaigns`: the real `laurel` process against
// the real API. A list imported from a CSV file with the documents hashed
// locally, the same list imported again (nothing created twice), a bad row
// printed with its number and exit code 2, the dossier submitted as a batch.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiHarness, NT } from '../support/api-harness';

const LAUREL = join(__dirname, '..', '..', 'apps', 'cli', 'bin', 'laurel.cjs');
const YEAR = new Date().getUTCFullYear() - 1;
const HEADER =
  'STT,Cá nhân/Tập thể,Họ và tên/Tên tập thể,Ngày sinh,Chức vụ,Hình thức khen thưởng,Tóm tắt thành tích,Năm đạt CSTĐCS,Năm HTXSNV';

let api: ApiHarness;
let home: string;

function laurel(
  args: readonly string[],
  token: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUREL, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        LAUREL_URL: api.baseUrl,
        LAUREL_TOKEN: token,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end('');
  });
}

beforeAll(async () => {
  api = await ApiHarness.start();
  home = await mkdtemp(join(tmpdir(), 'laurel-cli-year-'));
}, 180_000);

afterAll(async () => {
  await api?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

it('imports a list from a file, refuses a bad row by its number, and submits the dossier', async () => {
  const now = Date.now();
  const created = await api.post(NT.board, '/campaigns', {
    title: `Đợt thi đua năm ${YEAR}`,
    kind: 'yearly',
    fromYear: YEAR,
    toYear: YEAR,
    plannedAwards: [{ awardType: 'ProvincialCertificateOfMerit', quota: 10 }],
    intakeOpensAt: new Date(now - 3_600_000).toISOString(),
    intakeClosesAt: new Date(now + 86_400_000).toISOString(),
    open: true,
  });
  expect(created.status).toBe(201);
  const campaignId = created.body.campaignId as string;
  const board = await api.token(NT.board);
  const listed = await laurel(['campaigns', 'list', '--json'], board);
  expect(listed.code).toBe(0);
  expect((JSON.parse(listed.stdout) as { campaignId: string }[]).map((c) => c.campaignId)).toContain(campaignId);

  const docs = await Promise.all(
    ['to-trinh.pdf', 'bien-ban.pdf', 'bao-cao.pdf'].map(async (name) => {
      const path = join(home, name);
      await writeFile(path, `nội dung ${name}`);
      return path;
    }),
  );
  const documents = [
    `--document=proposal_letter=${docs[0]}`,
    `--document=unit_council_minutes=${docs[1]}`,
    `--document=achievement_report=${docs[2]}`,
  ];
  const years = `${YEAR - 1}; ${YEAR}`;
  const good = join(home, 'danh-sach.csv');
  await writeFile(
    good,
    [
      HEADER,
      `1,Tập thể,Phòng Tổng hợp CLI,,,Bằng khen của Chủ tịch UBND tỉnh,Hai năm liền HTXSNV.,,${years}`,
      `2,Cá nhân,Nguyễn Văn Dòng Lệnh,12/05/1986,Chuyên viên,Bằng khen của Chủ tịch UBND tỉnh,Hai năm liền CSTĐCS.,${years},`,
    ].join('\n'),
  );
  const officer = await api.token(NT.officer);
  const imported = await laurel(
    ['dossiers', 'import', good, '--campaign', campaignId, ...documents, '--json'],
    officer,
  );
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const result = JSON.parse(imported.stdout) as { dossierId: string; succeeded: number; total: number };
  expect(result).toMatchObject({ succeeded: 2, total: 2 });

  const again = await laurel(['dossiers', 'import', good, '--campaign', campaignId, ...documents, '--json'], officer);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ dossierId: result.dossierId, succeeded: 2 });
  expect((await api.get(NT.board, `/campaigns/${campaignId}`)).body.admittedCount).toBe(2);

  const bad = join(home, 'danh-sach-loi.csv');
  await writeFile(bad, [HEADER, `1,Cá nhân,Trần Thị Sai,30/02/1990,,Bằng khen,Tốt.,${years},`].join('\n'));
  const refused = await laurel(['dossiers', 'import', bad, '--campaign', campaignId, ...documents], officer);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('"30/02/1990" is an impossible date');
  expect(refused.stderr).toMatch(/\b2\b.*Ngày sinh/);
  expect(refused.stderr).toContain('nothing was created');

  const submitted = await laurel(['dossiers', 'submit', result.dossierId], await api.token(NT.head));
  expect(submitted.code).toBe(0);
  expect(submitted.stdout).toContain(`dossier ${result.dossierId}: submit 2/2 ok, 0 failed`);
  const shown = await laurel(['dossiers', 'show', result.dossierId], officer);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toContain('Nguyễn Văn Dòng Lệnh');
});
