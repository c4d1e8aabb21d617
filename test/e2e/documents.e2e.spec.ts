// Documents built from the record, over real HTTP: a decision of three
// awardees as DOCX and PDF, each file's sha256 recorded in every listed
// nomination's stream through its (reopened) workflow, the same bytes on a
// rebuild, the names readable in both files, and the page not blank.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZip } from '@laurel/infra/documents';
import type { NominationVerification } from '../../apps/api/src/audit/verify/verify-nomination.query';
import type { IssuedDocument } from '../../apps/api/src/documents/document-schemas';
import { ApiHarness, NT, expectError } from '../support/api-harness';

const DECISION = '163/QĐ-UBND';
const NOMINEES = [
  { kind: 'individual', name: 'Nguyễn Thị Hồng Nhung', position: 'Chuyên viên Văn phòng' },
  { kind: 'individual', name: 'Trần Văn Đức', position: 'Phó Chánh Văn phòng' },
  { kind: 'collective', name: 'Tập thể Phòng Tổng hợp' },
] as const;

let api: ApiHarness;
const ids: string[] = [];
let lastPosition = '';

beforeAll(async () => {
  api = await ApiHarness.start();
  for (const nominee of NOMINEES) {
    const waiting = await api.awaitingDecision({
      nominee: {
        ...nominee,
        unitId: NT.proposingUnit,
        ...(nominee.kind === 'individual' ? { personId: `p-${nominee.name}` } : {}),
      },
    });
    const decided = await api.act(NT.chairman, `/nominations/${waiting.nominationId}/decision`, {
      outcome: 'approved',
      decisionNumber: DECISION,
    });
    ids.push(decided.nominationId);
    lastPosition = decided.position;
  }
}, 300_000);

afterAll(async () => {
  await api?.stop();
});

function issue(user: string, body: unknown) {
  return api.post(user, '/documents', body, { 'X-Laurel-Position': lastPosition });
}

async function download(href: string): Promise<Buffer> {
  const response = await api
    .http()
    .get(href)
    .set(await api.authHeader(NT.board))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(response.status).toBe(200);
  return response.body as Buffer;
}

/** Where a README picture goes, when LAUREL_WRITE_SCREENSHOTS=1 asks for it; otherwise nowhere. */
function screenshotPath(name: string): string | undefined {
  if (process.env['LAUREL_WRITE_SCREENSHOTS'] !== '1') return undefined;
  const shots = join(__dirname, '..', '..', 'docs', 'screenshots');
  mkdirSync(shots, { recursive: true });
  return join(shots, name);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Non-white pixels of page 1 rendered to a grey PGM by pdftoppm. */
function inkedPixels(pdf: Buffer, png?: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'laurel-pdf-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-f',
    '1',
    '-l',
    '1',
    '-r',
    '50',
    '-gray',
    '-singlefile',
    join(dir, 'doc.pdf'),
    join(dir, 'page'),
  ]);
  if (png)
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '110', '-png', '-singlefile', join(dir, 'doc.pdf'), png]);
  const pgm = readFileSync(join(dir, 'page.pgm'));
  // P5 header: magic, width, height, maxval, each followed by whitespace; then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  let inked = 0;
  for (const p of pixels) if (p < 200) inked++;
  return inked;
}

test('refusals: who may issue, what a request must say, and a number nobody was awarded under', async () => {
  expectError(await issue(NT.officer, { kind: 'decision', decisionNumber: DECISION }), 403, 'ROLE_NOT_ALLOWED');
  expectError(await issue(NT.board, { kind: 'decision' }), 400, 'INVALID_BODY');
  expectError(await issue(NT.board, { kind: 'memo', decisionNumber: DECISION }), 400, 'INVALID_BODY');
  expectError(await issue(NT.board, { kind: 'decision', decisionNumber: '999/QĐ-UBND' }), 404, 'NOTHING_TO_ISSUE');
  expectError(await api.get(NT.board, '/documents/decision-0000/pdf'), 400, 'INVALID_ID');
  expectError(await api.get(NT.board, `/documents/decision-${'0'.repeat(32)}/pdf`), 404, 'NOT_FOUND');
});

test('a decision of three: names in both files, sha256 in every stream, same bytes again, a page with ink, verify ok', async () => {
  const first = await issue(NT.chairman, { kind: 'decision', decisionNumber: DECISION });
  expect(first.status).toBe(200);
  const issued = first.body as IssuedDocument;
  expect(issued.nominations.map((n) => n.nominationId).sort()).toEqual([...ids].sort());
  expect(issued.nominations.every((n) => n.recording === 'recorded')).toBe(true);

  const files = Object.fromEntries(
    await Promise.all(issued.files.map(async (f) => [f.format, await download(f.href)] as const)),
  ) as Record<'docx' | 'pdf', Buffer>;
  for (const f of issued.files) expect(sha256(files[f.format])).toBe(f.sha256);

  // Text extracted from the files: the names exactly as typed, in NFC.
  const xml = readZip(files.docx)
    .find((e) => e.name === 'word/document.xml')!
    .data.toString('utf8');
  const dir = mkdtempSync(join(tmpdir(), 'laurel-pdf-'));
  writeFileSync(join(dir, 'd.pdf'), files.pdf);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
  for (const { name } of NOMINEES) {
    expect(xml).toContain(name.normalize('NFC'));
    expect(text).toContain(name.normalize('NFC'));
  }
  expect(text).toContain('Số: 163/QĐ-UBND');
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');

  // Each file's sha256 is a DocumentIssued event in each nomination's stream.
  for (const id of ids) {
    const issuedEvents = (await api.stream(id)).filter((e) => e.type === 'DocumentIssued');
    expect(issuedEvents.map((e) => [e.data['format'], e.data['sha256']]).sort()).toEqual(
      issued.files.map((f) => [f.format, f.sha256]).sort(),
    );
    expect(issuedEvents.every((e) => e.data['documentId'] === issued.documentId)).toBe(true);
    const verify = await api.get(NT.auditor, `/nominations/${id}/verify`);
    expect(verify.status).toBe(200);
    expect((verify.body as NominationVerification).ok).toBe(true);
  }

  // Building again from the same record: the same document, the same bytes, nothing recorded twice.
  const versions = await Promise.all(ids.map((id) => api.streamVersion(id)));
  const again = (await issue(NT.board, { kind: 'decision', decisionNumber: DECISION })).body as IssuedDocument;
  expect(again.documentId).toBe(issued.documentId);
  expect(again.files).toEqual(issued.files);
  expect(again.nominations.every((n) => n.recording === 'already_recorded')).toBe(true);
  expect(await Promise.all(ids.map((id) => api.streamVersion(id)))).toEqual(versions);

  // The page is not blank. The README's picture is rewritten only when asked: the record's dates change each run.
  expect(inkedPixels(files.pdf, screenshotPath('07-decision-pdf'))).toBeGreaterThan(2_000);
}, 240_000);
