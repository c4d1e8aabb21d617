// The proposal letter, the block session's minutes and the council session's
// minutes, built over real HTTP from nominations taken along the real path:
// the names exactly as typed in the DOCX and the PDF text, each file's sha256
// recorded in every listed nomination's stream, and a secret ballot sealed in
// the council minutes (its count shows, nobody's choice does), where an open
// vote names each member with their recommendation.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZip } from '@laurel/infra/documents';
import type { IssuedDocument } from '../../apps/api/src/documents/document-schemas';
import { ApiHarness, NT, draftBody, evidence } from '../support/api-harness';

const year = new Date().getUTCFullYear() - 1;
/** A Provincial Emulation Fighter: its council votes by secret ballot. */
const SECRET = 'Đặng Thị Ngọc Ánh';
/** A Certificate of Merit: the council gives its opinions openly. */
const OPEN = 'Hoàng Văn Thắng';

let api: ApiHarness;
const ids: Record<string, string> = {};
let lastPosition = '';

beforeAll(async () => {
  api = await ApiHarness.start();
  const fighter = draftBody({
    nominee: {
      kind: 'individual',
      name: SECRET,
      personId: 'p-secret',
      position: 'Chuyên viên',
      unitId: NT.proposingUnit,
    },
    awardType: 'ProvincialEmulationFighter',
    record: {
      titles: [year - 2, year - 1, year].map((y) => ({ year: y, title: 'GrassrootsEmulationFighter' })),
      ratings: [],
      initiatives: [{ year, title: 'Số hoá quy trình tiếp nhận hồ sơ', scope: 'province' }],
    },
    evidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes', 'initiative_certificate'].map(evidence),
  });
  const secret = await api.inCouncilReview(fighter);
  const open = await api.inCouncilReview({
    nominee: {
      kind: 'individual',
      name: OPEN,
      personId: 'p-open',
      position: 'Phó Trưởng phòng',
      unitId: NT.proposingUnit,
    },
  });
  for (const id of [secret.nominationId, open.nominationId]) {
    for (const member of NT.council) {
      lastPosition = (await api.act(member, `/nominations/${id}/council-opinions`, { recommendation: 'approve' }))
        .position;
    }
  }
  ids[SECRET] = secret.nominationId;
  ids[OPEN] = open.nominationId;
}, 300_000);

afterAll(async () => {
  await api?.stop();
});

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

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Reading order, whitespace collapsed: a name wrapped in a table cell reads whole again. */
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');

/** Issues the document; answers its files' texts after checking each digest against the download and the streams. */
async function issued(body: Record<string, unknown>): Promise<{ docx: string; pdf: string; issued: IssuedDocument }> {
  const response = await api.post(NT.board, '/documents', body, { 'X-Laurel-Position': lastPosition });
  expect(response.status).toBe(200);
  const doc = response.body as IssuedDocument;
  expect(doc.nominations.map((n) => n.nominationId).sort()).toEqual(Object.values(ids).sort());
  const files: Record<string, Buffer> = {};
  for (const f of doc.files) {
    files[f.format] = await download(f.href);
    expect(sha256(files[f.format]!)).toBe(f.sha256);
  }
  for (const id of Object.values(ids)) {
    const recorded = (await api.stream(id))
      .filter((e) => e.type === 'DocumentIssued' && e.data['documentId'] === doc.documentId)
      .map((e) => [e.data['format'], e.data['sha256'], e.data['kind']]);
    expect(recorded.sort()).toEqual(doc.files.map((f) => [f.format, f.sha256, body['kind']]).sort());
  }
  const xml = readZip(files['docx']!)
    .find((e) => e.name === 'word/document.xml')!
    .data.toString('utf8')
    // Runs split text: keep what is inside <w:t>, one run after another.
    .replace(/<w:tab\/>|<\/w:p>/g, ' ')
    .replace(/<[^>]+>/g, '');
  const path = join(mkdtempSync(join(tmpdir(), 'laurel-doc-')), 'd.pdf');
  writeFileSync(path, files['pdf']!);
  const pdf = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  return { docx: flat(xml), pdf: flat(pdf), issued: doc };
}

it('the proposal letter of the unit: both names in both files, recorded in both streams', async () => {
  const {
    docx,
    pdf,
    issued: doc,
  } = await issued({ kind: 'proposal_letter', unitId: NT.proposingUnit, campaignYear: year });
  expect(doc.title).toContain('Tờ trình');
  for (const text of [docx, pdf]) {
    expect(text).toContain(SECRET);
    expect(text).toContain(OPEN);
    expect(text).toContain('TỜ TRÌNH');
  }
}, 120_000);

it("the block session's minutes: both names and the tallies", async () => {
  const { docx, pdf } = await issued({ kind: 'block_minutes', blockId: NT.block, campaignYear: year });
  for (const text of [docx, pdf]) {
    expect(text).toContain(SECRET);
    expect(text).toContain(OPEN);
    expect(text).toContain('BIÊN BẢN');
    // Five of seven approved, no rejection, no abstention (pdftotext may drop the spaces of a narrow cell).
    expect(text.replace(/ /g, '')).toContain('5/0/0/7');
  }
}, 120_000);

it("the council session's minutes: the secret ballot's count shows, nobody's choice; the open vote names each", async () => {
  const { docx, pdf } = await issued({ kind: 'council_minutes', campaignYear: year });
  for (const text of [docx, pdf]) {
    expect(text).toContain(SECRET);
    expect(text).toContain(OPEN);
    expect(text).toContain('Bỏ phiếu kín');
    expect(text).toContain(`Ý kiến đối với ${OPEN}:`);
    expect(text).not.toContain(`Ý kiến đối với ${SECRET}`);
    // Each member's recommendation appears once: for the open vote only.
    expect(text.split('(tán thành)').length - 1).toBe(NT.council.length);
  }
  // The PDF sets the table's cells side by side, so pdftotext interleaves them; the DOCX reads in order.
  expect(docx).toContain(`Bỏ phiếu kín (${NT.council.length} phiếu)`);
}, 120_000);
