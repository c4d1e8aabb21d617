// Hà Tĩnh: agencies and enterprises block, on the demo clock when the API runs it.
import {
  base,
  excellent,
  initiativeCertificate,
  opinions,
  unitName,
  votersFor,
  votes,
  type Scenario,
} from './scenario-kit';

export function haTinhScenarios(y: number): Scenario[] {
  const htPowerVoters = votersFor('ht-power-company');
  const htFinanceVoters = votersFor('ht-finance');

  const htBlockVote = base(
    'ht-merit-block-vote-power',
    'ht-power-company',
    {
      nominee: { kind: 'collective', name: unitName('ht-power-company') },
      awardType: 'ProvincialCertificateOfMerit',
      letterNumber: '1874/TTr-PCHT',
      achievements:
        'Cung ứng điện an toàn, ổn định cho Khu kinh tế Vũng Áng và các xã nông thôn mới; tổn thất điện năng giảm còn 3,9 %; ' +
        `hai năm liền (${y - 1}–${y}) hoàn thành xuất sắc nhiệm vụ.`,
      record: { titles: [], ratings: excellent(y - 1, y), initiatives: [] },
      extraDocuments: [],
      steps: [{ kind: 'submit' }, ...votes(htPowerVoters, ['approve', 'approve', 'approve'])],
      expected: {
        stage: 'BlockVote',
        then: 'counted with 3 of 4 votes at its deadline, then on to the council',
      },
    },
    true,
  );

  const htCouncil = base(
    'ht-merit-council-finance',
    'ht-finance',
    {
      nominee: {
        kind: 'individual',
        name: 'Lê Văn Thắng',
        position: 'Trưởng phòng Quản lý ngân sách, Sở Tài chính tỉnh Hà Tĩnh',
      },
      awardType: 'ProvincialCertificateOfMerit',
      letterNumber: '3120/TTr-STC',
      achievements:
        `Năm năm liền (${y - 4}–${y}) hoàn thành xuất sắc nhiệm vụ; hai sáng kiến về dự toán và giải ngân vốn đầu tư công ` +
        'được Sở công nhận, rút ngắn thời gian thẩm định quyết toán 30 %.',
      record: {
        titles: [],
        ratings: excellent(y - 4, y - 3, y - 2, y - 1, y),
        initiatives: [
          { year: y - 1, title: 'Bộ tiêu chí thẩm định dự toán ngân sách cấp xã', scope: 'unit' },
          { year: y, title: 'Theo dõi giải ngân vốn đầu tư công theo thời gian thực', scope: 'sector' },
        ],
      },
      extraDocuments: [
        initiativeCertificate('Bộ tiêu chí thẩm định dự toán ngân sách cấp xã', 'cơ sở', y - 1),
        initiativeCertificate('Theo dõi giải ngân vốn đầu tư công theo thời gian thực', 'cấp ngành', y),
      ],
      steps: [
        { kind: 'submit' },
        ...votes(htFinanceVoters, ['approve', 'approve', 'approve', 'approve']),
        // The finance member recuses, so one opinion of two leaves the review open.
        ...opinions(['ht-council-home-affairs'], 'approve'),
      ],
      expected: { stage: 'CouncilReview', then: 'escalated as overdue at its deadline' },
    },
    true,
  );

  const htSupplement = base(
    'ht-elc-supplement-power',
    'ht-power-company',
    {
      nominee: { kind: 'collective', name: 'Phòng Kỹ thuật – An toàn, Công ty Điện lực Hà Tĩnh' },
      awardType: 'ExcellentLabourCollective',
      letterNumber: '1875/TTr-PCHT',
      achievements:
        `Không để xảy ra sự cố, tai nạn lao động năm ${y}; 100% người lao động hoàn thành nhiệm vụ, 15/18 đạt Lao động tiên tiến, ` +
        '2 Chiến sĩ thi đua cơ sở; triển khai sửa chữa hotline không cắt điện trên toàn tỉnh.',
      record: {
        titles: [{ year: y - 1, title: 'AdvancedLabourCollective' }],
        ratings: excellent(y),
        initiatives: [],
        memberStats: { memberCount: 18, completedTasks: 18, advancedWorkers: 15, grassrootsFighters: 2 },
      },
      extraDocuments: [],
      steps: [
        { kind: 'submit' },
        ...votes(htPowerVoters, ['approve', 'approve', 'approve', 'approve']),
        {
          kind: 'requestSupplement',
          by: 'ht-board-officer',
          reason:
            'Bổ sung danh sách người lao động đạt Lao động tiên tiến kèm quyết định công nhận và biên bản bình xét của Công đoàn.',
        },
      ],
      expected: { stage: 'AwaitingSupplement', then: 'expires unless supplied by its due date' },
    },
    true,
  );

  return [htBlockVote, htCouncil, htSupplement];
}
