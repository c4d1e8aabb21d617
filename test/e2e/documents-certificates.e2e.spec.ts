// Certificates on the province's blank, over real HTTP and through the real
// `laurel` process: offsets read and changed (versioned, validated, refused to
// the wrong roles), a decision's list printed one page per awardee with the
// names readable, the page inked, the same record and form version giving the
// same bytes; documents issued and fetched from the command line.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateFormList, CertificateFormView } from '../../apps/api/src/documents/certificate-schemas';
import { ADMIN, ApiHarness, NT, expectError } from '../support/api-harness';

const DECISION = '171/QĐ-UBND';
const FORM = 'bang-khen-a4-ngang';
const LAUREL = join(__dirname, '..', '..', 'apps', 'cli', 'bin', 'laurel.cjs');
const NOMINEES = [
  { kind: 'individual', name: 'Phạm Thị Thu Hường', position: 'Chuyên viên Văn phòng' },
  { kind: 'individual', name: 'Lê Quang Vĩnh', position: 'Trưởng phòng Tổng hợp' },
] as const;

let api: ApiHarness;
const ids: string[] = [];
let lastPosition = '';
let home: string;

beforeAll(async () => {
  api = await ApiHarness.start();
  home = mkdtempSync(join(tmpdir(), 'laurel-cert-cli-'));
  for (const nominee of NOMINEES) {
    const waiting = await api.awaitingDecision({
      nominee: { ...nominee, unitId: NT.proposingUnit, personId: `p-${nominee.name}` },
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

async function binary(user: string, path: string, body: unknown) {
  return api
    .http()
    .post(path)
    .set(await api.authHeader(user))
    .set({ 'X-Laurel-Position': lastPosition })
    .send(body as object)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

async function put(user: string, path: string, body: unknown) {
  return api
    .http()
    .put(path)
    .set(await api.authHeader(user))
    .send(body as object);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function pdfText(pdf: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'laurel-cert-')), 'c.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
}

/** Non-white pixels of a page rendered grey by pdftoppm; writes the README picture only when asked. */
function inkedPixels(pdf: Buffer, page = 1, picture?: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'laurel-cert-'));
  writeFileSync(join(dir, 'c.pdf'), pdf);
  const p = String(page);
  execFileSync('pdftoppm', ['-f', p, '-l', p, '-r', '50', '-gray', '-singlefile', join(dir, 'c.pdf'), join(dir, 'pg')]);
  if (picture && process.env['LAUREL_WRITE_SCREENSHOTS'] === '1') {
    const shots = join(__dirname, '..', '..', 'docs', 'screenshots');
    mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', [
      '-f',
      p,
      '-l',
      p,
      '-r',
      '60',
      '-png',
      '-singlefile',
      join(dir, 'c.pdf'),
      join(shots, picture),
    ]);
  }
  const pgm = readFileSync(join(dir, 'pg.pgm'));
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  let inked = 0;
  for (const px of pgm.subarray(header[0].length)) if (px < 200) inked++;
  return inked;
}

describe('certificate forms', () => {
  it('lists the province forms with its default; refuses the roles that do not print', async () => {
    const list = (await api.get(NT.board, '/certificates/forms')).body as CertificateFormList;
    expect(list.defaultFormId).toBe(FORM);
    expect(list.forms.map((f) => f.formId)).toContain(FORM);
    expect(list.forms.find((f) => f.formId === FORM)).toMatchObject({ version: 1, isDefault: true });
    expectError(await api.get(NT.officer, '/certificates/forms'), 403, 'ROLE_NOT_ALLOWED');
    expectError(await api.get(ADMIN, '/certificates/forms'), 403, 'OUT_OF_SCOPE');
    expect((await api.get(ADMIN, '/certificates/forms?province=ninh-thuan')).status).toBe(200);
    expectError(await api.get(NT.board, '/certificates/forms?province=lao-cai'), 403, 'OUT_OF_SCOPE');
    expectError(await api.get(NT.board, '/certificates/forms/no-such-form'), 404, 'NOT_FOUND');
  });

  it('keeps a change as the next version, validated, with the former one still readable', async () => {
    const form = (await api.get(NT.board, `/certificates/forms/${FORM}`)).body as CertificateFormView;
    const fields = { ...form.fields, awardee: { ...form.fields.awardee, y: 96, fontSize: 26 } };
    expectError(
      await put(NT.chairman, `/certificates/forms/${FORM}`, { expectedVersion: 1, fields }),
      403,
      'ROLE_NOT_ALLOWED',
    );
    const offSheet = { ...fields, signer: { ...fields.signer, x: 290 } };
    const bad = await put(NT.board, `/certificates/forms/${FORM}`, { expectedVersion: 1, fields: offSheet });
    expectError(bad, 400, 'INVALID_BODY');
    expect(JSON.stringify(bad.body)).toContain('fields.signer');
    expectError(
      await put(NT.board, `/certificates/forms/${FORM}`, { expectedVersion: 1, fields: { awardee: fields.awardee } }),
      400,
      'INVALID_BODY',
    );
    const saved = await put(NT.board, `/certificates/forms/${FORM}`, { expectedVersion: 1, fields });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, changedBy: expect.any(String) as string });
    expect((saved.body as CertificateFormView).fields.awardee).toMatchObject({ y: 96, fontSize: 26 });
    // A second change made against version 1 would undo this one unseen.
    expectError(
      await put(NT.board, `/certificates/forms/${FORM}`, { expectedVersion: 1, fields }),
      409,
      'STALE_FORM_VERSION',
    );
    const v1 = (await api.get(NT.board, `/certificates/forms/${FORM}?version=1`)).body as CertificateFormView;
    expect(v1.fields.awardee.y).toBe(form.fields.awardee.y);
  });
});

describe('printing', () => {
  it('one page per awardee, names readable, inked, the form version named, the same bytes again', async () => {
    const first = await binary(NT.board, '/certificates/print', { decisionNumber: DECISION });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['x-laurel-form-version']).toBe('2');
    expect(first.headers['x-laurel-pages']).toBe('2');
    const pdf = first.body as Buffer;
    expect(sha256(pdf)).toBe(first.headers['x-laurel-sha256']);
    const text = pdfText(pdf);
    for (const { name, position } of NOMINEES) {
      expect(text).toContain(name.normalize('NFC'));
      expect(text).toContain(position);
    }
    expect(text).toContain(`Quyết định số ${DECISION}`);
    expect(text).toContain('Ninh Thuận, ngày');
    expect(inkedPixels(pdf, 1, '07-certificate')).toBeGreaterThan(300);

    const again = await binary(NT.chairman, '/certificates/print', { decisionNumber: DECISION });
    expect((again.body as Buffer).equals(pdf)).toBe(true);
    // The former version prints where it used to: other bytes, its own version in the file.
    const old = await binary(NT.board, '/certificates/print', { decisionNumber: DECISION, formVersion: 1 });
    expect(old.headers['x-laurel-form-version']).toBe('1');
    expect(sha256(old.body as Buffer)).not.toBe(sha256(pdf));
  });

  it('one nomination, a calibration page, and the refusals', async () => {
    const one = await binary(NT.board, '/certificates/print', { nominationId: ids[1] });
    expect(one.headers['x-laurel-pages']).toBe('1');
    expect(pdfText(one.body as Buffer)).toContain(NOMINEES[1].name);
    const calibration = await binary(NT.board, '/certificates/print', { calibration: true, formId: FORM });
    expect(calibration.status).toBe(200);
    expect(pdfText(calibration.body as Buffer)).toContain('awardee');
    expect(inkedPixels(calibration.body as Buffer)).toBeGreaterThan(5_000);
    expectError(
      await api.post(NT.officer, '/certificates/print', { decisionNumber: DECISION }),
      403,
      'ROLE_NOT_ALLOWED',
    );
    expectError(await api.post(NT.board, '/certificates/print', {}), 400, 'INVALID_BODY');
    expectError(
      await api.post(NT.board, '/certificates/print', { decisionNumber: '1/QĐ-UBND' }),
      404,
      'NOTHING_TO_ISSUE',
    );
    expectError(
      await api.post(NT.board, '/certificates/print', { decisionNumber: DECISION, formId: 'nope' }),
      404,
      'NOT_FOUND',
    );
  });
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

async function laurel(args: readonly string[], user: string = NT.board): Promise<Run> {
  const token = await api.token(user);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUREL, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        LAUREL_URL: api.baseUrl,
        LAUREL_TOKEN: token,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('laurel documents and laurel certificates', () => {
  it('issues the decision into a folder, each file checked against its recorded sha256, and gets one back', async () => {
    const out = join(home, 'issued');
    const run = await laurel([
      'documents',
      'issue',
      'decision',
      DECISION,
      '--province',
      'ninh-thuan',
      '--out',
      out,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const issued = JSON.parse(run.stdout) as { documentId: string; files: { format: string; sha256: string }[] };
    const files = readdirSync(out).sort();
    expect(files).toEqual([`${issued.documentId}.docx`, `${issued.documentId}.pdf`]);
    for (const f of issued.files) {
      expect(sha256(readFileSync(join(out, `${issued.documentId}.${f.format}`)))).toBe(f.sha256);
    }
    const table = await laurel(['documents', 'issue', 'decision', DECISION]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('already recorded');
    expect(table.stdout).toContain(NOMINEES[0].name);

    const file = join(home, 'again.pdf');
    const get = await laurel(['documents', 'get', issued.documentId, '--format', 'pdf', '--out', file]);
    expect(get.code).toBe(0);
    expect(sha256(readFileSync(file))).toBe(issued.files.find((f) => f.format === 'pdf')!.sha256);
    expect(get.stderr).toMatch(/^wrote \d+ bytes to .*again\.pdf \(sha256 [0-9a-f]{64}\)/);
  });

  it('prints the certificates, changes an offset as a new version, and answers bad requests with their exit codes', async () => {
    const set = await laurel(['certificates', 'form', FORM, '--set', 'signer.y=184', '--json']);
    expect(set.code).toBe(0);
    expect(set.stderr).toContain(`kept ${FORM} as version 3`);
    expect((JSON.parse(set.stdout) as CertificateFormView).fields.signer.y).toBe(184);

    const pdf = join(home, 'certificates.pdf');
    const print = await laurel(['certificates', 'print', '--decision', DECISION, '--out', pdf]);
    expect(print.code).toBe(0);
    expect(print.stderr).toMatch(new RegExp(`wrote 2 page\\(s\\) to .*: form ${FORM} v3, sha256 [0-9a-f]{64}`));
    const text = pdfText(readFileSync(pdf));
    for (const { name } of NOMINEES) expect(text).toContain(name);

    expect((await laurel(['certificates', 'print', '--out', pdf])).code).toBe(2);
    expect((await laurel(['certificates', 'print', '--decision', '1/QĐ-UBND', '--out', pdf])).code).toBe(4);
    expect((await laurel(['certificates', 'print', '--decision', DECISION, '--out', pdf], NT.officer)).code).toBe(3);
    expect((await laurel(['documents', 'get', 'nonsense', '--format', 'pdf', '--out', pdf])).code).toBe(2);
    expect((await laurel(['documents', 'issue', 'council-minutes', '--year', 'soon'])).code).toBe(2);
  });
});
