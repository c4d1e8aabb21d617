import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NominationCommand, NominationEvent, Nominee } from '@laurel/domain';
import { approveCommand, pathTo, policy } from '@laurel/domain/testing/fixtures';
import { history } from '@laurel/domain/testing/given-when-then';
import { DocumentRecordError, recordOf, type DocumentNames } from '../index';
import {
  builtInForm,
  certificatesFor,
  layoutCertificate,
  layoutProblems,
  MM,
  renderCalibration,
  renderCertificates,
  type CertificateForm,
  type CertificateValues,
  type Measure,
} from './index';

const names: DocumentNames = {
  province: (id) => ({ 'ninh-thuan': 'Ninh Thuận' })[id] ?? id,
  unit: (id) => ({ 'unit-party-office': 'Văn phòng Tỉnh ủy' })[id] ?? id,
  block: (id) => id,
  person: (id) => ({ 'u-chairman': 'Trần Quốc Nam' })[id] ?? id,
};

function awarded(nominationId: string, nominee: Partial<Nominee>, decisionNumber = '163/QĐ-UBND'): NominationEvent[] {
  const commands = pathTo('ProvincialDecision').map((c): NominationCommand => {
    const own = { ...c, nominationId } as NominationCommand;
    return own.type === 'DraftNomination' ? { ...own, nominee: { ...own.nominee, ...nominee } } : own;
  });
  return history(policy, [...commands, { ...approveCommand(60, decisionNumber), nominationId }]);
}

const NAMES = ['Nguyễn Thị Hồng Nhung', 'Trần Văn Đức', 'Tập thể Phòng Tổng hợp'];
const records = () =>
  [
    awarded('nom-a', { name: NAMES[0]!, position: 'Chuyên viên Văn phòng' }),
    awarded('nom-b', { name: NAMES[1]!, position: 'Phó Chánh Văn phòng', personId: 'p-2' }),
    awarded('nom-c', { name: NAMES[2]!, kind: 'collective', personId: undefined }),
    awarded('nom-d', { name: 'Lê Văn Khác' }, '200/QĐ-UBND'),
  ].map((events) => recordOf(events).record!);

/** Every character 0.5 em wide: widths a test can work out by hand. */
const halfEm: Measure = (text, _face, size) => text.length * size * 0.5;

const form = (): CertificateForm => builtInForm('ninh-thuan', 'bang-khen-a4-ngang')!;
const values = (awardee = 'Nguyễn Văn A'): CertificateValues => ({
  awardee,
  position: 'Chuyên viên',
  unit: 'Văn phòng Tỉnh ủy',
  award: 'Bằng khen',
  decision: 'Quyết định số 1/QĐ-UBND',
  placeAndDate: 'Ninh Thuận, ngày 14 tháng 3 năm 2025',
  signerTitle: 'CHỦ TỊCH',
  signer: 'Trần Quốc Nam',
});

describe('certificate layout', () => {
  it('places each field from its offsets in millimetres: left, centred and right anchors', () => {
    const base = form();
    const fields = {
      ...base.fields,
      awardee: { ...base.fields.awardee, x: 148.5, y: 92, maxWidth: 200, align: 'center' as const },
      position: { ...base.fields.position, x: 40, y: 100, maxWidth: 100, align: 'left' as const },
      unit: { ...base.fields.unit, x: 250, y: 110, maxWidth: 80, align: 'right' as const },
    };
    const placed = layoutCertificate({ ...base, fields }, values(), halfEm);
    const at = (f: string) => placed.find((p) => p.field === f)!;
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.01);
    close(at('awardee').left, (148.5 - 100) * MM);
    close(at('awardee').top, 92 * MM);
    close(at('awardee').width, 200 * MM);
    close(at('position').left, 40 * MM);
    close(at('position').top, 100 * MM);
    close(at('unit').left, (250 - 80) * MM);
    expect(at('unit').align).toBe('right');
    expect(at('awardee').fontSize).toBe(24);
  });

  it('moves a field by exactly the change in its offsets', () => {
    const base = form();
    const moved = { ...base, fields: { ...base.fields, awardee: { ...base.fields.awardee, x: 158.5, y: 97 } } };
    const a = layoutCertificate(base, values(), halfEm).find((p) => p.field === 'awardee')!;
    const b = layoutCertificate(moved, values(), halfEm).find((p) => p.field === 'awardee')!;
    expect(b.left - a.left).toBeCloseTo(10 * MM, 1);
    expect(b.top - a.top).toBeCloseTo(5 * MM, 1);
  });

  it('sets a name wider than its box smaller, never below 60 %, and skips empty and disabled fields', () => {
    const base = form();
    const narrow = { ...base, fields: { ...base.fields, awardee: { ...base.fields.awardee, maxWidth: 50 } } };
    // 16 characters at 24 pt, half an em each: 192 pt, in a box of 50 mm (141.7 pt).
    const shrunk = layoutCertificate(narrow, values('x'.repeat(16)), halfEm).find((p) => p.field === 'awardee')!;
    expect(shrunk.fontSize).toBeLessThan(24);
    expect(halfEm(shrunk.text, 'bold', shrunk.fontSize)).toBeLessThanOrEqual(shrunk.width);
    const long = layoutCertificate(narrow, values('x'.repeat(200)), halfEm).find((p) => p.field === 'awardee')!;
    expect(long.fontSize).toBeCloseTo(24 * 0.6, 5);
    const off = { ...base, fields: { ...base.fields, signerTitle: { ...base.fields.signerTitle, enabled: false } } };
    const fields = layoutCertificate(off, { ...values(), position: '' }, halfEm).map((p) => p.field);
    expect(fields).not.toContain('signerTitle');
    expect(fields).not.toContain('position');
  });

  it('finds fields that would print off the sheet', () => {
    expect(layoutProblems(form())).toEqual([]);
    const base = form();
    const bad = { ...base, fields: { ...base.fields, signer: { ...base.fields.signer, x: 280, maxWidth: 60 } } };
    expect(layoutProblems(bad)).toEqual([{ field: 'signer', problem: 'box runs past the sheet side' }]);
  });
});

describe('certificate texts', () => {
  it('one per awardee of the decision, in its list order, with the decision number, date and signer', () => {
    const texts = certificatesFor(records(), 'ninh-thuan', names, '163/QĐ-UBND');
    expect(texts.map((t) => t.values.awardee)).toEqual(NAMES);
    expect(texts[0]!.values).toMatchObject({
      position: 'Chuyên viên Văn phòng',
      signer: 'Trần Quốc Nam',
      signerTitle: 'CHỦ TỊCH',
    });
    expect(texts[0]!.values.decision).toMatch(/^Quyết định số 163\/QĐ-UBND ngày \d\d tháng \d{1,2} năm \d{4}$/);
    expect(texts[0]!.values.placeAndDate).toMatch(/^Ninh Thuận, ngày /);
    expect(texts[2]!.values.position).toBe('');
    expect(() => certificatesFor(records(), 'ninh-thuan', names, '9/QĐ-UBND')).toThrow(DocumentRecordError);
  });
});

describe('certificate PDF', () => {
  const texts = () => certificatesFor(records(), 'ninh-thuan', names, '163/QĐ-UBND');
  const options = () => ({ title: 'Bằng khen — Quyết định 163/QĐ-UBND', recordedAt: texts()[0]!.recordedAt });

  it('one page per awardee, the names readable with their diacritics, the form version in the file', async () => {
    const print = await renderCertificates(form(), texts(), options());
    expect(print.pages).toBe(3);
    const path = join(mkdtempSync(join(tmpdir(), 'laurel-cert-')), 'c.pdf');
    writeFileSync(path, print.bytes);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
    for (const name of NAMES) expect(text).toContain(name);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+3/);
    expect(info).toMatch(/Subject:\s+Mẫu phôi bang-khen-a4-ngang, phiên bản 1/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.27\d* pts \(A4\)/);
  });

  it('gives the same bytes for the same record and form version, and other bytes when an offset moves', async () => {
    const a = await renderCertificates(form(), texts(), options());
    const b = await renderCertificates(form(), texts(), options());
    expect(b.bytes.equals(a.bytes)).toBe(true);
    const base = form();
    const moved: CertificateForm = {
      ...base,
      version: 2,
      fields: { ...base.fields, awardee: { ...base.fields.awardee, y: 95 } },
    };
    expect((await renderCertificates(moved, texts(), options())).sha256).not.toBe(a.sha256);
  });

  it('prints a calibration page with the grid and every field box', async () => {
    const print = await renderCalibration(form());
    expect(print.pages).toBe(1);
    expect((await renderCalibration(form())).sha256).toBe(print.sha256);
    const path = join(mkdtempSync(join(tmpdir(), 'laurel-cert-')), 'cal.pdf');
    writeFileSync(path, print.bytes);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    expect(text).toContain('awardee');
    expect(text).toContain('signer');
  });
});
