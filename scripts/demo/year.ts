import { createHash } from 'node:crypto';
import type { Evidence } from '@laurel/domain';
import type { DemoUsers } from './users';

/**
 * The year's lists for the demo: a Ninh Thuận campaign with its quotas and
 * window, and a Lào Cai five-yearly campaign (2021–2025), and one unit's
 * dossier — the Propaganda Department's 2 collectives and 15 individuals, as
 * in the Lạng Sơn report — imported from a CSV made here. Idempotent: the
 * campaigns are created under fixed idempotency keys, and the same list for
 * the same campaign is the same dossier, so a second run creates nothing.
 * The dossier stays unsubmitted, so the block's voters' inboxes keep the scenarios' counts.
 */

const COLLECTIVES = ['Phòng Tuyên truyền', 'Phòng Lý luận chính trị'];
const PEOPLE = [
  'Nguyễn Thị Thanh Hương',
  'Trần Minh Quân',
  'Lê Văn Hậu',
  'Phạm Thị Ngọc Trâm',
  'Hoàng Văn Thái',
  'Đặng Thị Kim Liên',
  'Võ Minh Nhật',
  'Bùi Thị Thu Thủy',
  'Đỗ Quang Vinh',
  'Huỳnh Thị Mai',
  'Ngô Văn Toàn',
  'Dương Thị Hạnh',
  'Lưu Văn Phúc',
  'Chế Thị Hoa',
  'Thập Văn Sang',
];

function evidence(year: number): Evidence[] {
  return (
    [
      ['proposal_letter', `Tờ trình đề nghị khen thưởng năm ${year} – Ban Tuyên giáo Tỉnh ủy`],
      ['unit_council_minutes', 'Biên bản họp Hội đồng thi đua – khen thưởng Ban Tuyên giáo'],
      ['achievement_report', `Báo cáo thành tích tập thể và cá nhân năm ${year}`],
    ] as const
  ).map(([kind, title], i) => {
    const documentId = `demo-${year}-nt-propaganda-dossier-${i + 1}`;
    const sha256 = createHash('sha256').update(`${documentId}\n${title}`).digest('hex');
    return { documentId, title, kind, sizeBytes: 180_000 + i * 7_001, sha256 };
  });
}

/** The list in the template's columns; CSV, so the same list is the same bytes every run. */
export function propagandaList(year: number): string {
  const rows: string[][] = [
    [
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
    ],
  ];
  const years = `${year - 1}; ${year}`;
  for (const name of COLLECTIVES) {
    rows.push([
      String(rows.length),
      'Tập thể',
      name,
      '',
      '',
      'Bằng khen của Chủ tịch UBND tỉnh',
      'Hai năm liền hoàn thành xuất sắc nhiệm vụ.',
      '',
      years,
      '',
    ]);
  }
  PEOPLE.forEach((name, i) => {
    const birth = `${String(1 + ((i * 7) % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${1970 + i * 2}`;
    rows.push([
      String(rows.length),
      'Cá nhân',
      name,
      birth,
      i % 3 === 0 ? 'Trưởng phòng' : 'Chuyên viên',
      'Bằng khen của Chủ tịch UBND tỉnh',
      'Hai năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở.',
      years,
      years,
      `nt-propaganda-${String(i + 1).padStart(3, '0')}`,
    ]);
  });
  const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return '\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

interface CampaignResult {
  readonly campaignId: string;
}

export async function loadYearDemo(
  http: DemoUsers,
  year: number,
  now: Date,
  log: (line: string) => void,
): Promise<void> {
  const ntCampaign = await http.post<CampaignResult>(
    'nt-board-officer',
    '/campaigns',
    {
      title: `Phong trào thi đua yêu nước năm ${year}`,
      kind: 'yearly',
      fromYear: year,
      toYear: year,
      criteria: ['Hoàn thành xuất sắc nhiệm vụ chính trị được giao', 'Có mô hình mới, cách làm hay được nhân rộng'],
      plannedAwards: [
        { awardType: 'ProvincialCertificateOfMerit', quota: 40 },
        { awardType: 'ProvincialEmulationFighter', quota: 5 },
        { awardType: 'ProvincialEmulationFlag', quota: 3 },
        { awardType: 'ExcellentLabourCollective' },
      ],
      intakeOpensAt: new Date(Date.UTC(year, 10, 1)).toISOString(),
      // A window that is open whenever the demo is loaded: until the end of next year.
      intakeClosesAt: new Date(Date.UTC(Math.max(year + 1, now.getUTCFullYear()) + 1, 0, 31)).toISOString(),
      open: true,
    },
    `demo-campaign-ninh-thuan-${year}`,
  );
  log(`campaign ${ntCampaign.campaignId} (Ninh Thuận ${year})`);
  const lcCampaign = await http.post<CampaignResult>(
    'lc-board-officer',
    '/campaigns',
    {
      title: 'Phong trào thi đua giai đoạn 2021–2025',
      kind: 'five_yearly',
      fromYear: 2021,
      toYear: 2025,
      criteria: ['Tổng kết 5 năm thực hiện các phong trào thi đua'],
      plannedAwards: [{ awardType: 'ProvincialCertificateOfMerit', quota: 30 }],
      intakeOpensAt: new Date(Date.UTC(2025, 9, 1)).toISOString(),
      intakeClosesAt: new Date(Date.UTC(Math.max(2026, now.getUTCFullYear()) + 1, 0, 31)).toISOString(),
      open: true,
    },
    'demo-campaign-lao-cai-2021-2025',
  );
  log(`campaign ${lcCampaign.campaignId} (Lào Cai 2021–2025)`);
  const dossier = await http.post<{ dossierId: string; succeeded: number; total: number }>(
    'nt-officer-propaganda',
    '/dossiers',
    {
      campaignId: ntCampaign.campaignId,
      format: 'csv',
      fileName: `danh-sach-ban-tuyen-giao-${year}.csv`,
      contentBase64: Buffer.from(propagandaList(year), 'utf8').toString('base64'),
      evidence: evidence(year),
      title: `Hồ sơ đề nghị khen thưởng năm ${year} – Ban Tuyên giáo Tỉnh ủy`,
    },
  );
  log(`dossier ${dossier.dossierId}: ${dossier.succeeded}/${dossier.total} nominations drafted`);
  // Left as drafts for its unit head to submit as one list (the dossier screen's own button).
}
