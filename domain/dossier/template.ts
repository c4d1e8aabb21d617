/**
 * The dossier list's template: its columns (the Vietnamese headers, the other
 * spellings accepted, the help shown in the sheet) and the sample sheet
 * offered for download. rows.ts parses a filled-in sheet against these columns.
 */

export interface DossierColumn {
  readonly key: DossierColumnKey;
  /** The header in the template, Vietnamese first. */
  readonly header: string;
  /** Other spellings accepted (an English header, a shorter form). */
  readonly aliases: readonly string[];
  readonly required: boolean;
  /** Shown in the template's second sheet ("Hướng dẫn"). */
  readonly help: string;
}

interface RawRow {
  readonly no: string;
  readonly kind: string;
  readonly name: string;
  readonly dateOfBirth: string;
  readonly position: string;
  readonly award: string;
  readonly achievements: string;
  readonly grassrootsYears: string;
  readonly excellentYears: string;
  readonly personId: string;
}

export const DOSSIER_COLUMNS: readonly DossierColumn[] = [
  { key: 'no', header: 'STT', aliases: ['no', 'số thứ tự'], required: false, help: 'Số thứ tự (tuỳ chọn)' },
  {
    key: 'kind',
    header: 'Cá nhân/Tập thể',
    aliases: ['loại', 'kind', 'đối tượng'],
    required: true,
    help: '"Cá nhân" hoặc "Tập thể"',
  },
  {
    key: 'name',
    header: 'Họ và tên/Tên tập thể',
    aliases: ['họ và tên', 'tên tập thể', 'name'],
    required: true,
    help: 'Họ tên đầy đủ có dấu, hoặc tên tập thể',
  },
  {
    key: 'dateOfBirth',
    header: 'Ngày sinh',
    aliases: ['date of birth'],
    required: false,
    help: 'dd/mm/yyyy, bắt buộc với cá nhân; để trống với tập thể',
  },
  { key: 'position', header: 'Chức vụ', aliases: ['chức vụ, đơn vị', 'position'], required: false, help: 'Chức vụ' },
  {
    key: 'award',
    header: 'Hình thức khen thưởng',
    aliases: ['danh hiệu', 'award'],
    required: true,
    help: 'Ví dụ: Bằng khen của Chủ tịch UBND tỉnh; Chiến sĩ thi đua cấp tỉnh; Tập thể lao động xuất sắc; Cờ thi đua của UBND tỉnh',
  },
  {
    key: 'achievements',
    header: 'Tóm tắt thành tích',
    aliases: ['thành tích', 'achievements'],
    required: true,
    help: 'Tóm tắt thành tích',
  },
  {
    key: 'grassrootsYears',
    header: 'Năm đạt CSTĐCS',
    aliases: ['chiến sĩ thi đua cơ sở', 'grassroots fighter years'],
    required: false,
    help: 'Các năm đạt Chiến sĩ thi đua cơ sở, cách nhau bởi dấu phẩy, ví dụ: 2023, 2024',
  },
  {
    key: 'excellentYears',
    header: 'Năm HTXSNV',
    aliases: ['hoàn thành xuất sắc nhiệm vụ', 'htxs', 'excellent years'],
    required: false,
    help: 'Các năm được đánh giá hoàn thành xuất sắc nhiệm vụ, ví dụ: 2023, 2024',
  },
  {
    key: 'personId',
    header: 'Mã định danh',
    aliases: ['mã cán bộ', 'person id'],
    required: false,
    help: 'Mã cán bộ (tuỳ chọn); giúp nhận ra một người dù tên viết khác',
  },
];

/** One column of the sheet, by its key in the parsed row. */
export type DossierColumnKey = keyof RawRow;

/** The template's rows: the header and two sample lines, as Laurel offers it for download. */
export function dossierTemplateRows(campaignYear: number): string[][] {
  const y = campaignYear;
  return [
    DOSSIER_COLUMNS.map((c) => (c.required ? `${c.header} (*)` : c.header)),
    [
      '1',
      'Tập thể',
      'Phòng Tổng hợp',
      '',
      '',
      'Bằng khen của Chủ tịch UBND tỉnh',
      'Hai năm liền hoàn thành xuất sắc nhiệm vụ.',
      '',
      `${y - 1}, ${y}`,
      '',
    ],
    [
      '2',
      'Cá nhân',
      'Nguyễn Văn An',
      '15/03/1985',
      'Chuyên viên',
      'Bằng khen của Chủ tịch UBND tỉnh',
      'Hai năm liền đạt Chiến sĩ thi đua cơ sở.',
      `${y - 1}, ${y}`,
      `${y - 1}, ${y}`,
      '',
    ],
  ];
}
