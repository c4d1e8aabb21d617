import type { StatisticsDimension } from '@laurel/infra/projections';

/**
 * Names in exports and the annual report, where no browser translates for
 * the reader. The web app has its own (and the same) words in its locales.
 */
export type Lang = 'vi' | 'en';

const AWARDS: Record<Lang, Record<string, string>> = {
  vi: {
    ProvincialEmulationFlag: 'Cờ thi đua của UBND tỉnh',
    ProvincialEmulationFighter: 'Chiến sĩ thi đua cấp tỉnh',
    ExcellentLabourCollective: 'Tập thể lao động xuất sắc',
    ProvincialCertificateOfMerit: 'Bằng khen của Chủ tịch UBND tỉnh',
  },
  en: {
    ProvincialEmulationFlag: 'Provincial Emulation Flag',
    ProvincialEmulationFighter: 'Provincial Emulation Fighter',
    ExcellentLabourCollective: 'Excellent Labour Collective',
    ProvincialCertificateOfMerit: 'Provincial Certificate of Merit',
  },
};

const OUTCOMES: Record<Lang, Record<string, string>> = {
  vi: {
    Awarded: 'Được khen thưởng',
    NotAwarded: 'Không được khen thưởng',
    Withdrawn: 'Rút hồ sơ',
    Expired: 'Quá hạn',
    Revoked: 'Bị thu hồi',
    InProgress: 'Đang xử lý',
  },
  en: {
    Awarded: 'Awarded',
    NotAwarded: 'Not awarded',
    Withdrawn: 'Withdrawn',
    Expired: 'Expired',
    Revoked: 'Revoked',
    InProgress: 'In progress',
  },
};

const KINDS: Record<Lang, Record<string, string>> = {
  vi: { individual: 'Cá nhân', collective: 'Tập thể' },
  en: { individual: 'Individual', collective: 'Collective' },
};

const STAGES: Record<Lang, Record<string, string>> = {
  vi: {
    BlockVote: 'Bình xét của khối',
    CouncilReview: 'Hội đồng xét duyệt',
    AwaitingSupplement: 'Chờ bổ sung hồ sơ',
    ProvincialDecision: 'Quyết định của tỉnh',
  },
  en: {
    BlockVote: 'Block vote',
    CouncilReview: 'Council review',
    AwaitingSupplement: 'Awaiting supplement',
    ProvincialDecision: 'Provincial decision',
  },
};

export const HEADINGS = {
  vi: {
    province: 'Tỉnh',
    block: 'Khối thi đua',
    unit: 'Đơn vị',
    year: 'Năm thi đua',
    awardType: 'Hình thức khen thưởng',
    nomineeKind: 'Đối tượng',
    outcome: 'Kết quả',
    nominations: 'Số đề nghị',
    awarded: 'Được khen thưởng',
    notAwarded: 'Không được khen thưởng',
    withdrawn: 'Rút hồ sơ',
    expired: 'Quá hạn',
    revoked: 'Bị thu hồi',
    inProgress: 'Đang xử lý',
    individualAwardees: 'Cá nhân được khen',
    collectiveAwardees: 'Tập thể được khen',
    frontLineAwardees: 'Người lao động trực tiếp',
    hardshipAreaAwardees: 'Vùng khó khăn',
    frontLineShare: 'Tỷ lệ lao động trực tiếp (%)',
    hardshipAreaShare: 'Tỷ lệ vùng khó khăn (%)',
    stage: 'Giai đoạn',
    entered: 'Số lượt vào',
    completed: 'Đã hoàn thành',
    medianWorkingDays: 'Trung vị ngày làm việc',
    overdue: 'Quá hạn',
    overdueShare: 'Tỷ lệ quá hạn (%)',
    total: 'Tổng cộng',
    summary: 'Tổng hợp',
    byAward: 'Theo hình thức khen thưởng',
    byUnit: 'Theo đơn vị',
    outcomes: 'Kết quả xét',
    stages: 'Thời gian xử lý theo giai đoạn',
    annualTitle: 'Báo cáo tổng hợp công tác thi đua, khen thưởng năm',
    figure: 'Chỉ tiêu',
    value: 'Giá trị',
    statistics: 'Thống kê',
  },
  en: {
    province: 'Province',
    block: 'Emulation block',
    unit: 'Unit',
    year: 'Campaign year',
    awardType: 'Award',
    nomineeKind: 'Nominee',
    outcome: 'Outcome',
    nominations: 'Nominations',
    awarded: 'Awarded',
    notAwarded: 'Not awarded',
    withdrawn: 'Withdrawn',
    expired: 'Expired',
    revoked: 'Revoked',
    inProgress: 'In progress',
    individualAwardees: 'Individual awardees',
    collectiveAwardees: 'Collective awardees',
    frontLineAwardees: 'Front-line workers',
    hardshipAreaAwardees: 'Hardship areas',
    frontLineShare: 'Front-line share (%)',
    hardshipAreaShare: 'Hardship-area share (%)',
    stage: 'Stage',
    entered: 'Entered',
    completed: 'Completed',
    medianWorkingDays: 'Median working days',
    overdue: 'Overdue',
    overdueShare: 'Overdue share (%)',
    total: 'Total',
    summary: 'Summary',
    byAward: 'By award',
    byUnit: 'By unit',
    outcomes: 'Outcomes',
    stages: 'Time per stage',
    annualTitle: 'Annual emulation and commendation report',
    figure: 'Figure',
    value: 'Value',
    statistics: 'Statistics',
  },
} as const;

export type Heading = keyof (typeof HEADINGS)['vi'];

export function heading(lang: Lang, key: Heading): string {
  return HEADINGS[lang][key];
}

export function awardName(lang: Lang, code: string): string {
  return AWARDS[lang][code] ?? code;
}

export function stageName(lang: Lang, code: string): string {
  return STAGES[lang][code] ?? code;
}

/** A dimension value as a reader sees it; `names` resolves directory ids (province, block, unit). */
export function dimensionLabel(
  lang: Lang,
  dimension: StatisticsDimension,
  value: string | number | null,
  names: (dimension: 'province' | 'block' | 'unit', id: string) => string | undefined,
): string {
  if (value === null) return '—';
  const text = String(value);
  switch (dimension) {
    case 'province':
    case 'block':
    case 'unit':
      return names(dimension, text) ?? text;
    case 'awardType':
      return awardName(lang, text);
    case 'outcome':
      return OUTCOMES[lang][text] ?? text;
    case 'nomineeKind':
      return KINDS[lang][text] ?? text;
    case 'year':
      return text;
  }
}
