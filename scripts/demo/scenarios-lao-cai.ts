// Lào Cai: Fatherland Front, mass organisations and Red Cross block (Lào Cai's own rules).
import type { NomineeRecord } from '@laurel/domain';
import {
  base,
  excellent,
  initiativeCertificate,
  opinions,
  unitName,
  votersFor,
  votes,
  type Scenario,
  type Step,
} from './scenario-kit';

export function laoCaiScenarios(y: number): Scenario[] {
  const lcYouthVoters = votersFor('lc-youth-union');
  const lcRedCrossVoters = votersFor('lc-red-cross');
  const lcCouncil = ['lc-council-home-affairs', 'lc-council-ppc-office', 'lc-council-front'];

  /** Grassroots Emulation Fighter two years running, both years excellent: enough for a Certificate of Merit. */
  const twoYearsFighter: NomineeRecord = {
    titles: [
      { year: y - 1, title: 'GrassrootsEmulationFighter' },
      { year: y, title: 'GrassrootsEmulationFighter' },
    ],
    ratings: excellent(y - 1, y),
    initiatives: [],
  };

  /** A Youth Union nomination through the block vote and the council, every voice approving. */
  const youthToDecision: Step[] = [
    { kind: 'submit' },
    ...votes(lcYouthVoters, ['approve', 'approve', 'approve', 'approve', 'approve', 'approve']),
    ...opinions(lcCouncil, 'approve'),
  ];

  const lcDecision = base('lc-merit-decision-youth', 'lc-youth-union', {
    nominee: { kind: 'individual', name: 'Hoàng Thị Thanh Huyền', position: 'Phó Bí thư Tỉnh đoàn Lào Cai' },
    awardType: 'ProvincialCertificateOfMerit',
    letterNumber: '215-TTr/TĐTN',
    achievements:
      `Chỉ đạo Chiến dịch Thanh niên tình nguyện hè ${y} tại các xã vùng cao; vận động xây dựng 12 “Ngôi nhà khăn quàng đỏ” ` +
      `cho học sinh dân tộc thiểu số; hai năm liền (${y - 1}–${y}) đạt danh hiệu Chiến sĩ thi đua cơ sở.`,
    record: twoYearsFighter,
    extraDocuments: [],
    steps: youthToDecision,
    expected: { stage: 'ProvincialDecision' },
  });

  const lcBlockRejected = base('lc-merit-block-rejected-red-cross', 'lc-red-cross', {
    nominee: {
      kind: 'individual',
      name: 'Lò Thị Hoa',
      position: 'Trưởng ban Công tác xã hội, Hội Chữ thập đỏ tỉnh Lào Cai',
      frontLine: true,
    },
    awardType: 'ProvincialCertificateOfMerit',
    letterNumber: '64/TTr-CTĐ',
    achievements:
      `Vận động hơn 1.200 đơn vị máu tình nguyện năm ${y}; sáng kiến “Sổ tay cứu trợ nhanh vùng sạt lở” ` +
      'và “Bản đồ hộ nghèo cần hỗ trợ” được Hội công nhận; hai năm liền hoàn thành xuất sắc nhiệm vụ.',
    record: {
      titles: [],
      ratings: excellent(y - 1, y),
      initiatives: [
        { year: y - 1, title: 'Sổ tay cứu trợ nhanh vùng sạt lở', scope: 'unit' },
        { year: y, title: 'Bản đồ hộ nghèo cần hỗ trợ', scope: 'unit' },
      ],
    },
    extraDocuments: [
      initiativeCertificate('Sổ tay cứu trợ nhanh vùng sạt lở', 'cơ sở', y - 1),
      initiativeCertificate('Bản đồ hộ nghèo cần hỗ trợ', 'cơ sở', y),
    ],
    steps: [
      { kind: 'submit' },
      ...votes(lcRedCrossVoters, [
        'approve',
        { choice: 'reject', comment: 'Thành tích chưa nổi bật so với các cá nhân được đề nghị trong Khối.' },
        'reject',
        'approve',
        'reject',
        'reject',
      ]),
    ],
    expected: { stage: 'Closed', outcome: 'NotAwarded' },
  });

  const lcChairmanRejected = base('lc-merit-chairman-rejected-red-cross', 'lc-red-cross', {
    nominee: { kind: 'collective', name: unitName('lc-red-cross') },
    awardType: 'ProvincialCertificateOfMerit',
    letterNumber: '65/TTr-CTĐ',
    achievements:
      `Tiếp nhận và phân bổ kịp thời hàng cứu trợ cho 3.400 hộ bị ảnh hưởng bởi lũ quét năm ${y}; ` +
      `hai năm liền (${y - 1}–${y}) hoàn thành xuất sắc nhiệm vụ.`,
    record: { titles: [], ratings: excellent(y - 1, y), initiatives: [] },
    extraDocuments: [],
    steps: [
      { kind: 'submit' },
      ...votes(lcRedCrossVoters, ['approve', 'approve', 'approve', 'approve', 'approve', 'approve']),
      ...opinions(lcCouncil, 'approve'),
      {
        kind: 'reject',
        by: 'lc-chairman',
        reason:
          `Thành tích cứu trợ lũ quét năm ${y} của đơn vị đã được Trung ương Hội Chữ thập đỏ Việt Nam khen thưởng; ` +
          'theo nguyên tắc một thành tích chỉ khen một lần, không tặng thêm Bằng khen của Chủ tịch UBND tỉnh.',
      },
    ],
    expected: { stage: 'Closed', outcome: 'NotAwarded' },
  });

  const lcRevoked = base('lc-merit-revoked-youth', 'lc-youth-union', {
    nominee: { kind: 'individual', name: 'Đinh Văn Tuấn', position: 'Trưởng ban Phong trào, Tỉnh đoàn Lào Cai' },
    awardType: 'ProvincialCertificateOfMerit',
    letterNumber: '198-TTr/TĐTN',
    achievements:
      `Tổ chức 40 đợt “Ngày thứ bảy tình nguyện” năm ${y}; xây dựng 6 công trình thanh niên tại các xã biên giới; ` +
      `hai năm liền (${y - 1}–${y}) đạt danh hiệu Chiến sĩ thi đua cơ sở.`,
    record: twoYearsFighter,
    extraDocuments: [],
    steps: [
      ...youthToDecision,
      { kind: 'approve', by: 'lc-chairman', decisionNumber: '2087/QĐ-UBND' },
      {
        kind: 'revoke',
        by: 'lc-chairman',
        ground: 'forged_documents',
        details:
          'Kết luận thanh tra số 09/KL-TTr: biên bản nghiệm thu hai công trình thanh niên trong hồ sơ là giả mạo; ' +
          'thu hồi Bằng khen và tiền thưởng kèm theo.',
        decisionNumber: '412/QĐ-UBND',
      },
    ],
    expected: { stage: 'Closed', outcome: 'Awarded', revoked: true },
  });

  return [lcDecision, lcBlockRejected, lcChairmanRejected, lcRevoked];
}
