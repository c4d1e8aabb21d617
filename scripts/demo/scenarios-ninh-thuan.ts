// Ninh Thuận: provincial Party agencies block (national rules, working days).
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

export function ninhThuanScenarios(y: number): Scenario[] {
  const ntOfficeVoters = votersFor('nt-party-office');
  const ntNewspaperVoters = votersFor('nt-newspaper');
  const ntInspectionVoters = votersFor('nt-inspection');
  const ntPropagandaVoters = votersFor('nt-propaganda');
  const ntCouncil = [
    'nt-council-home-affairs',
    'nt-council-ppc-office',
    'nt-council-finance',
    'nt-council-labour',
    'nt-council-front',
    'nt-council-party-office',
  ];

  const ntFlag = base('nt-flag-party-office', 'nt-party-office', {
    nominee: { kind: 'collective', name: unitName('nt-party-office') },
    awardType: 'ProvincialEmulationFlag',
    letterNumber: `412-TTr/VPTU`,
    achievements:
      `Năm ${y} Văn phòng Tỉnh ủy tham mưu Ban Thường vụ Tỉnh ủy ban hành đúng tiến độ 100% văn bản theo chương trình công tác; ` +
      'vận hành hệ thống quản lý văn bản và điều hành liên thông bốn cấp, 98% văn bản đi được ký số; ' +
      'mô hình “Văn phòng cấp ủy số” được các huyện ủy, thành ủy học tập và nhân rộng; ' +
      'hoàn thành vượt các chỉ tiêu giao ước thi đua và được Khối suy tôn là đơn vị dẫn đầu.',
    record: {
      titles: [
        { year: y - 2, title: 'ExcellentLabourCollective', decisionNumber: '352/QĐ-UBND' },
        { year: y - 1, title: 'ExcellentLabourCollective', decisionNumber: '298/QĐ-UBND' },
        { year: y, title: 'ExcellentLabourCollective', decisionNumber: '2650/QĐ-UBND' },
      ],
      ratings: excellent(y - 2, y - 1, y),
      initiatives: [{ year: y, title: 'Văn phòng cấp ủy số: liên thông văn bản điện tử bốn cấp', scope: 'province' }],
      memberStats: { memberCount: 46, completedTasks: 46, advancedWorkers: 39, grassrootsFighters: 6 },
      flags: { acclaimedByBlock: true, exceededTargets: true, exemplary: true, newModels: true },
    },
    extraDocuments: [
      {
        kind: 'prior_decision',
        title: `Quyết định số 2650/QĐ-UBND của Chủ tịch UBND tỉnh công nhận danh hiệu Tập thể lao động xuất sắc năm ${y}`,
      },
    ],
    steps: [
      { kind: 'submit' },
      ...votes(ntOfficeVoters, [
        { choice: 'approve', comment: 'Thống nhất suy tôn Văn phòng Tỉnh ủy là đơn vị dẫn đầu Khối.' },
        'approve',
        'approve',
        'approve',
      ]),
    ],
    expected: { stage: 'BlockVote' },
  });

  const ntNewspaper = base('nt-merit-newspaper', 'nt-newspaper', {
    nominee: { kind: 'collective', name: unitName('nt-newspaper') },
    awardType: 'ProvincialCertificateOfMerit',
    letterNumber: '87-TTr/BNT',
    achievements:
      `Xuất bản đúng kỳ hạn 100% số báo in và báo điện tử năm ${y}; ra mắt chuyên trang tiếng Chăm và bản tin podcast ` +
      '“Ninh Thuận hôm nay”; lượt truy cập báo điện tử tăng 35 % so với năm trước; ' +
      `hai năm liền (${y - 1}–${y}) hoàn thành xuất sắc nhiệm vụ.`,
    record: {
      titles: [{ year: y - 1, title: 'ExcellentLabourCollective', decisionNumber: '298/QĐ-UBND' }],
      ratings: excellent(y - 1, y),
      initiatives: [],
    },
    extraDocuments: [],
    steps: [
      { kind: 'submit' },
      ...votes(ntNewspaperVoters, ['approve', 'approve', 'approve', 'approve', 'approve', 'approve', 'abstain']),
      ...opinions(ntCouncil.slice(0, 5), 'approve'),
      {
        kind: 'opinion',
        by: 'nt-council-party-office',
        recommendation: 'reject',
        comment: 'Đề nghị cân nhắc thêm vì đơn vị đã được tặng Bằng khen năm trước.',
      },
      { kind: 'approve', by: 'nt-chairman', decisionNumber: '163/QĐ-UBND' },
    ],
    expected: { stage: 'Closed', outcome: 'Awarded' },
  });

  const ntInspection = base('nt-merit-inspection', 'nt-inspection', {
    nominee: { kind: 'collective', name: unitName('nt-inspection') },
    awardType: 'ProvincialCertificateOfMerit',
    letterNumber: '56-TTr/UBKTTU',
    achievements:
      `Hoàn thành 100% chương trình kiểm tra, giám sát năm ${y} của Ủy ban Kiểm tra Tỉnh ủy; ` +
      'giải quyết dứt điểm 100% đơn thư tố cáo thuộc thẩm quyền; ' +
      `hai năm liền (${y - 1}–${y}) hoàn thành xuất sắc nhiệm vụ.`,
    record: { titles: [], ratings: excellent(y - 1, y), initiatives: [] },
    extraDocuments: [],
    steps: [
      { kind: 'submit' },
      ...votes(ntInspectionVoters, ['approve', 'approve', 'approve', 'approve', 'approve']),
      { kind: 'closeBlockVote', by: 'nt-leader-party-agencies' },
      ...opinions(['nt-council-home-affairs', 'nt-council-finance', 'nt-council-labour'], 'approve'),
    ],
    expected: { stage: 'CouncilReview' },
  });

  const ntDraft = base('nt-fighter-draft-propaganda', 'nt-propaganda', {
    nominee: {
      kind: 'individual',
      name: 'Phạm Thị Ngọc Trâm',
      position: 'Trưởng phòng Lý luận chính trị – Lịch sử Đảng, Ban Tuyên giáo Tỉnh ủy',
    },
    awardType: 'ProvincialEmulationFighter',
    letterNumber: '133-TTr/BTGTU',
    achievements:
      'Chủ trì sáng kiến “Số hoá tư liệu lịch sử Đảng bộ tỉnh Ninh Thuận” được công nhận phạm vi ảnh hưởng cấp tỉnh; ' +
      `ba năm liền (${y - 2}–${y}) đạt danh hiệu Chiến sĩ thi đua cơ sở.`,
    record: {
      titles: [
        { year: y - 2, title: 'GrassrootsEmulationFighter' },
        { year: y - 1, title: 'GrassrootsEmulationFighter' },
        { year: y, title: 'GrassrootsEmulationFighter' },
      ],
      ratings: excellent(y - 2, y - 1, y),
      initiatives: [{ year: y - 1, title: 'Số hoá tư liệu lịch sử Đảng bộ tỉnh Ninh Thuận', scope: 'province' }],
    },
    extraDocuments: [initiativeCertificate('Số hoá tư liệu lịch sử Đảng bộ tỉnh Ninh Thuận', 'cấp tỉnh', y - 1)],
    steps: [],
    expected: { stage: 'Draft' },
  });

  const ntSupplement = base('nt-elc-supplement-propaganda', 'nt-propaganda', {
    nominee: { kind: 'collective', name: unitName('nt-propaganda') },
    awardType: 'ExcellentLabourCollective',
    letterNumber: '134-TTr/BTGTU',
    achievements:
      `100% cán bộ hoàn thành nhiệm vụ năm ${y}, 27/32 đạt danh hiệu Lao động tiên tiến, 3 Chiến sĩ thi đua cơ sở; ` +
      'tổ chức thành công cuộc thi trực tuyến tìm hiểu lịch sử Đảng bộ tỉnh với hơn 40.000 lượt dự thi.',
    record: {
      titles: [{ year: y - 1, title: 'AdvancedLabourCollective' }],
      ratings: excellent(y),
      initiatives: [],
      memberStats: { memberCount: 32, completedTasks: 32, advancedWorkers: 27, grassrootsFighters: 3 },
    },
    extraDocuments: [],
    steps: [
      { kind: 'submit' },
      ...votes(ntPropagandaVoters, ['approve', 'approve', 'approve', 'approve', 'approve', 'approve', 'approve']),
      {
        kind: 'requestSupplement',
        by: 'nt-board-officer',
        reason:
          `Bổ sung quyết định công nhận danh hiệu Lao động tiên tiến năm ${y} của 27 cá nhân và bảng tổng hợp ` +
          'kết quả đánh giá, xếp loại cán bộ có xác nhận của cấp ủy.',
        dueInWorkingDays: 10,
      },
    ],
    expected: { stage: 'AwaitingSupplement' },
  });

  const ntWithdrawn = base('nt-fighter-withdrawn-newspaper', 'nt-newspaper', {
    nominee: { kind: 'individual', name: 'Nguyễn Hoàng Phong', position: 'Phó Tổng Biên tập Báo Ninh Thuận' },
    awardType: 'ProvincialEmulationFighter',
    letterNumber: '88-TTr/BNT',
    achievements:
      'Chỉ đạo loạt bài “Điện gió, điện mặt trời: động lực mới của Ninh Thuận”, đạt giải A Giải Báo chí tỉnh; ' +
      `sáng kiến “Quy trình xuất bản đa nền tảng” được công nhận cấp tỉnh; ba năm liền Chiến sĩ thi đua cơ sở.`,
    record: {
      titles: [
        { year: y - 2, title: 'GrassrootsEmulationFighter' },
        { year: y - 1, title: 'GrassrootsEmulationFighter' },
        { year: y, title: 'GrassrootsEmulationFighter' },
      ],
      ratings: excellent(y - 2, y - 1, y),
      initiatives: [{ year: y, title: 'Quy trình xuất bản đa nền tảng', scope: 'province' }],
    },
    extraDocuments: [initiativeCertificate('Quy trình xuất bản đa nền tảng', 'cấp tỉnh', y)],
    steps: [
      { kind: 'submit' },
      ...votes(ntNewspaperVoters, ['approve', 'approve']),
      {
        kind: 'withdraw',
        reason:
          'Đồng chí được điều động nhận công tác tại đơn vị khác từ tháng 11; đơn vị rút đề nghị để đơn vị mới xem xét.',
      },
    ],
    expected: { stage: 'Closed', outcome: 'Withdrawn' },
  });

  return [ntFlag, ntNewspaper, ntInspection, ntDraft, ntSupplement, ntWithdrawn];
}
