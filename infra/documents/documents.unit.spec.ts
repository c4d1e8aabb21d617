import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NominationCommand, NominationEvent, Nominee } from '@laurel/domain';
import { approveCommand, pathTo, policy } from '@laurel/domain/testing/fixtures';
import { history } from '@laurel/domain/testing/given-when-then';
import {
  buildDecision,
  DocumentRecordError,
  readZip,
  recordOf,
  renderDocument,
  templateFor,
  vietnameseDate,
  type DocumentNames,
  type NominationRecord,
} from './index';

const names: DocumentNames = {
  province: (id) => ({ 'lao-cai': 'Lào Cai', 'ninh-thuan': 'Ninh Thuận' })[id] ?? id,
  unit: (id) => ({ 'unit-party-office': 'Văn phòng Tỉnh ủy' })[id] ?? id,
  block: (id) => id,
  person: (id) => ({ 'u-chairman': 'Trần Quốc Nam' })[id] ?? id,
};

/** The happy path for one nominee, under its own id, approved under `decisionNumber`. */
function awarded(nominationId: string, nominee: Partial<Nominee>, decisionNumber = '163/QĐ-UBND'): NominationEvent[] {
  const commands = pathTo('ProvincialDecision').map((c): NominationCommand => {
    const own = { ...c, nominationId } as NominationCommand;
    return own.type === 'DraftNomination' ? { ...own, nominee: { ...own.nominee, ...nominee } } : own;
  });
  return history(policy, [...commands, { ...approveCommand(60, decisionNumber), nominationId }]);
}

const NAMES = ['Nguyễn Thị Hồng Nhung', 'Trần Văn Đức', 'Tập thể Phòng Tổng hợp'];

function records(): NominationRecord[] {
  return [
    awarded('nom-a', { name: NAMES[0]! }),
    awarded('nom-b', { name: NAMES[1]!, position: 'Chuyên viên', personId: 'p-2' }),
    awarded('nom-c', { name: NAMES[2]!, kind: 'collective', personId: undefined }),
  ].map((events) => recordOf(events).record!);
}

describe('decision document', () => {
  it('lists every nominee approved under the number, collectives last, with the decision date', () => {
    const doc = buildDecision(
      { province: 'lao-cai', decisionNumber: '163/QĐ-UBND', records: records() },
      templateFor('lao-cai', 'decision'),
      names,
    );
    expect(doc.header.number).toBe('Số: 163/QĐ-UBND');
    expect(doc.header.issuingBody).toBe('ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI');
    expect(doc.annex!.table.rows.map((r) => r[1])).toEqual([
      'Nguyễn Thị Hồng Nhung',
      'Trần Văn Đức, Chuyên viên',
      'Tập thể Phòng Tổng hợp',
    ]);
    expect(doc.body.some((b) => b.type === 'article' && b.text.includes('03 cá nhân, tập thể'))).toBe(true);
  });

  it('leaves out nominations approved under another number, and refuses an empty list', () => {
    const other = recordOf(awarded('nom-d', { name: 'Lê Văn Khác' }, '200/QĐ-UBND')).record!;
    const doc = buildDecision(
      { province: 'lao-cai', decisionNumber: '163/QĐ-UBND', records: [...records(), other] },
      templateFor('lao-cai', 'decision'),
      names,
    );
    expect(doc.annex!.table.rows).toHaveLength(3);
    expect(() =>
      buildDecision(
        { province: 'lao-cai', decisionNumber: '1/QĐ-UBND', records: [other] },
        templateFor('lao-cai', 'decision'),
        names,
      ),
    ).toThrow(DocumentRecordError);
  });

  it('takes the province template where there is one', () => {
    expect(templateFor('ninh-thuan', 'decision').id).toBe('ninh-thuan.decision');
    expect(templateFor('lao-cai', 'decision').id).toBe('default.decision');
  });

  it('writes dates as Decree 30 does', () => {
    expect(vietnameseDate('2025-03-14')).toBe('ngày 14 tháng 3 năm 2025');
    expect(vietnameseDate('2025-02-05')).toBe('ngày 05 tháng 02 năm 2025');
  });

  it('does not count issued documents as part of the record', () => {
    const events = awarded('nom-a', { name: NAMES[0]! });
    const issued: NominationEvent = {
      type: 'DocumentIssued',
      data: {
        kind: 'decision',
        documentId: 'decision-x',
        format: 'pdf',
        sha256: 'a'.repeat(64),
        sizeBytes: 10,
        recordVersion: events.length,
        templateId: 'default.decision',
        templateVersion: 1,
        reference: '163/QĐ-UBND',
        at: '2025-01-01T00:00:00.000Z',
        by: { userId: 'u-board', role: 'board_officer' },
      },
    };
    const { record, current } = recordOf([...events, issued]);
    expect(record!.recordVersion).toBe(events.length);
    expect(record!.state).toEqual(recordOf(events).record!.state);
    expect(current.stage !== 'Initial' && current.documents).toHaveLength(1);
  });
});

describe('rendering', () => {
  const model = () =>
    buildDecision(
      { province: 'ninh-thuan', decisionNumber: '163/QĐ-UBND', records: records() },
      templateFor('ninh-thuan', 'decision'),
      names,
    );

  it('gives the same bytes for the same record', async () => {
    const first = await renderDocument(model());
    const second = await renderDocument(model());
    expect(second.documentId).toBe(first.documentId);
    expect(second.files.pdf.bytes.equals(first.files.pdf.bytes)).toBe(true);
    expect(second.files.docx.bytes.equals(first.files.docx.bytes)).toBe(true);
  });

  it('puts the names, with their diacritics, in the DOCX text', async () => {
    const { files } = await renderDocument(model());
    const xml = readZip(files.docx.bytes)
      .find((e) => e.name === 'word/document.xml')!
      .data.toString('utf8');
    for (const name of NAMES) expect(xml).toContain(name.normalize('NFC'));
  });

  it('embeds the font so that the PDF text reads back exactly', async () => {
    const { files } = await renderDocument(model());
    const dir = mkdtempSync(join(tmpdir(), 'laurel-doc-'));
    const path = join(dir, 'decision.pdf');
    writeFileSync(path, files.pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
    for (const name of NAMES) expect(text).toContain(name);
    expect(execFileSync('pdffonts', [path], { encoding: 'utf8' })).toMatch(/Tinos.*yes/);
  });
});
