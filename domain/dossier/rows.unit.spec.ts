import { dossierTemplateRows, parseDay, parseDossierRows } from './rows';

const options = { campaignYear: 2025, today: '2026-01-15' };
const header = dossierTemplateRows(2025)[0]!;

describe('dossier list rows', () => {
  it('reads the template’s own sample rows as two nominees', () => {
    const { items, problems } = parseDossierRows(dossierTemplateRows(2025), options);
    expect(problems).toEqual([]);
    expect(items.map((i) => [i.row, i.kind, i.name, i.awardType])).toEqual([
      [2, 'collective', 'Phòng Tổng hợp', 'ProvincialCertificateOfMerit'],
      [3, 'individual', 'Nguyễn Văn An', 'ProvincialCertificateOfMerit'],
    ]);
    expect(items[1]!.dateOfBirth).toBe('1985-03-15');
    expect(items[1]!.record.titles).toEqual([
      { year: 2024, title: 'GrassrootsEmulationFighter' },
      { year: 2025, title: 'GrassrootsEmulationFighter' },
    ]);
    expect(items[0]!.record.ratings.map((r) => r.year)).toEqual([2024, 2025]);
  });

  it('names every bad row with its sheet row number, blank rows counted', () => {
    const good = dossierTemplateRows(2025)[2]!;
    const rows = [
      header,
      good,
      [],
      ['3', 'Cá nhân', 'Trần Thị B', '31/02/1985', '', 'Bằng khen', 'Tốt.', '2024, 2025', '', ''],
      ['4', 'Ai đó', '', '', '', 'Huân chương', '', '', '', ''],
      ['5', 'Tập thể', 'Phòng X', '', '', 'Bằng khen', 'Tốt.', '2025', '2026', ''],
    ];
    const { problems } = parseDossierRows(rows, options);
    expect(problems).toMatchObject([
      { row: 4, column: 'Ngày sinh', reason: '"31/02/1985" is an impossible date' },
      { row: 5, column: 'Cá nhân/Tập thể', reason: '"Ai đó" is neither "Cá nhân" nor "Tập thể"' },
      { row: 5, column: 'Họ và tên/Tên tập thể', reason: 'the name is empty' },
      { row: 5, column: 'Hình thức khen thưởng', reason: '"Huân chương" is not an award this list can propose' },
      { row: 5, column: 'Tóm tắt thành tích', reason: 'the achievements are empty' },
      { row: 6, column: 'Năm HTXSNV', reason: '2026 is after the campaign year 2025' },
      { row: 6, column: 'Năm đạt CSTĐCS', reason: 'a collective holds no Grassroots Emulation Fighter title' },
    ]);
  });

  it('refuses a file without a required header, and the same nominee twice', () => {
    expect(parseDossierRows([['STT', 'Họ và tên']], options).problems.map((p) => p.reason)).toEqual([
      'the header "Cá nhân/Tập thể" is missing',
      'the header "Hình thức khen thưởng" is missing',
      'the header "Tóm tắt thành tích" is missing',
    ]);
    const row = dossierTemplateRows(2025)[2]!;
    const { problems } = parseDossierRows([header, row, row], options);
    expect(problems).toMatchObject([
      { row: 3, column: 'Họ và tên/Tên tập thể', reason: 'the same nominee and award are already on row 2' },
    ]);
    // The code and its params word it in the web app's languages.
    expect(problems[0]).toMatchObject({ code: 'DUPLICATE_ROW', params: { firstRow: 2 } });
  });

  it('knows impossible and real dates', () => {
    expect(parseDay('29/02/2024')).toEqual({ iso: '2024-02-29' });
    expect(parseDay('29/02/2023')).toEqual({
      code: 'DATE_IMPOSSIBLE',
      params: { value: '29/02/2023' },
      reason: '"29/02/2023" is an impossible date',
    });
    expect(parseDay('1985-13-01')).toMatchObject({
      code: 'DATE_IMPOSSIBLE',
      reason: '"1985-13-01" is an impossible date',
    });
    expect(parseDay('hôm qua')).toEqual({
      code: 'DATE_FORMAT',
      params: { value: 'hôm qua' },
      reason: '"hôm qua" is not a date dd/mm/yyyy',
    });
  });
});
