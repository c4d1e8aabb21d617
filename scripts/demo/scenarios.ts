import type {
  AwardType,
  BlockVoteChoice,
  CouncilRecommendation,
  NomineeKind,
  NomineeRecord,
  Outcome,
  RevocationGround,
  Stage,
} from '@laurel/domain';
import { demoDirectoryData } from '@laurel/infra/directory/demo-directory';
import type { DocumentSpec } from './dossier';

/**
 * The demo nominations, built on cases of real provincial practice: Ninh Thuận's
 * provincial Party agencies block (the 2023 flag and certificates), Lào Cai's
 * Fatherland Front block, and Hà Tĩnh's agencies and enterprises block, which
 * runs on the demo clock. People are invented. Every record meets its award's
 * eligibility rule for the campaign year, so each submission is accepted.
 */

/** One action after the draft, by a demo user (the proposing unit's head where no one is named). */
export type Step =
  | { readonly kind: 'submit' }
  | { readonly kind: 'vote'; readonly by: string; readonly choice: BlockVoteChoice; readonly comment?: string }
  | { readonly kind: 'closeBlockVote'; readonly by: string }
  | {
      readonly kind: 'opinion';
      readonly by: string;
      readonly recommendation: CouncilRecommendation;
      readonly comment?: string;
    }
  /** Without `dueInWorkingDays` the due date is the policy's supplement period. */
  | {
      readonly kind: 'requestSupplement';
      readonly by: string;
      readonly reason: string;
      readonly dueInWorkingDays?: number;
    }
  | { readonly kind: 'approve'; readonly by: string; readonly decisionNumber: string }
  | { readonly kind: 'reject'; readonly by: string; readonly reason: string }
  | { readonly kind: 'withdraw'; readonly reason: string }
  | {
      readonly kind: 'revoke';
      readonly by: string;
      readonly ground: RevocationGround;
      readonly details: string;
      readonly decisionNumber?: string;
    };

export interface Expectation {
  /** Where the loader leaves it. On the demo clock the workflow moves it on within minutes. */
  readonly stage: Stage;
  readonly outcome?: Outcome;
  /** Awarded, then revoked. */
  readonly revoked?: boolean;
  /** What its timers do next, on the demo clock. */
  readonly then?: string;
}

export interface Scenario {
  /** Stable across runs: it names the documents and the idempotency keys. */
  readonly key: string;
  readonly province: string;
  readonly blockId: string;
  readonly unitId: string;
  readonly officer: string;
  readonly head: string;
  readonly demoClock: boolean;
  readonly nominee: {
    readonly kind: NomineeKind;
    readonly name: string;
    readonly position?: string;
    readonly frontLine?: boolean;
  };
  readonly awardType: AwardType;
  readonly letterNumber: string;
  readonly achievements: string;
  readonly record: NomineeRecord;
  readonly extraDocuments: readonly DocumentSpec[];
  readonly steps: readonly Step[];
  readonly expected: Expectation;
}

/** An expectation as the loader's summary prints a stage. */
export function expectedText(expected: Expectation): string {
  if (expected.outcome === undefined) return expected.stage;
  // The list reports an award taken back as `Revoked`.
  return expected.revoked ? 'Revoked' : expected.outcome;
}

const directory = demoDirectoryData();

export function unitName(unitId: string): string {
  const unit = directory.units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`the demo directory has no unit ${unitId}`);
  return unit.name;
}

function headOf(unitId: string): string {
  const head = directory.users.find((u) => u.role === 'unit_head' && u.unitId === unitId);
  if (!head) throw new Error(`the demo directory has no unit head for ${unitId}`);
  return head.id;
}

function officerOf(unitId: string): string {
  const officer = directory.users.find((u) => u.role === 'unit_officer' && u.unitId === unitId);
  if (!officer) throw new Error(`the demo directory has no unit officer for ${unitId}`);
  return officer.id;
}

function blockOf(unitId: string): { id: string; province: string } {
  const block = directory.blocks.find((b) => b.memberUnitIds.includes(unitId));
  if (!block) throw new Error(`unit ${unitId} is in no demo block`);
  return { id: block.id, province: block.province };
}

/** The other member units' heads, in the block's order: the voters of a nomination from `unitId`. */
function votersFor(unitId: string): string[] {
  const block = directory.blocks.find((b) => b.memberUnitIds.includes(unitId));
  return (block?.memberUnitIds ?? []).filter((id) => id !== unitId).map(headOf);
}

function votes(
  voters: readonly string[],
  choices: readonly (BlockVoteChoice | { choice: BlockVoteChoice; comment: string })[],
): Step[] {
  return choices.map((c, i) => {
    const by = voters[i];
    if (by === undefined) throw new Error(`only ${voters.length} voters for ${choices.length} votes`);
    return typeof c === 'string' ? { kind: 'vote', by, choice: c } : { kind: 'vote', by, ...c };
  });
}

function opinions(members: readonly string[], recommendation: CouncilRecommendation, comment?: string): Step[] {
  return members.map((by) => ({ kind: 'opinion', by, recommendation, ...(comment ? { comment } : {}) }));
}

function base(
  key: string,
  unitId: string,
  rest: Omit<Scenario, 'key' | 'province' | 'blockId' | 'unitId' | 'officer' | 'head' | 'demoClock'>,
  demoClock = false,
): Scenario {
  const block = blockOf(unitId);
  return {
    key,
    province: block.province,
    blockId: block.id,
    unitId,
    officer: officerOf(unitId),
    head: headOf(unitId),
    demoClock,
    ...rest,
  };
}

/** Rated Excellent in each year of `years`. */
function excellent(...years: number[]): NomineeRecord['ratings'] {
  return years.map((year) => ({ year, rating: 'Excellent' }));
}

function initiativeCertificate(title: string, scope: string, year: number): DocumentSpec {
  return {
    kind: 'initiative_certificate',
    title: `Giấy chứng nhận sáng kiến “${title}”, phạm vi ảnh hưởng ${scope}, năm ${year}`,
  };
}

export function demoScenarios(y: number): Scenario[] {
  // ── Ninh Thuận: provincial Party agencies block (national rules, working days) ──
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

  // ── Lào Cai: Fatherland Front, mass organisations and Red Cross block (Lào Cai's own rules) ──
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

  // ── Hà Tĩnh: agencies and enterprises block, on the demo clock when the API runs it ──
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

  return [
    ntFlag,
    ntNewspaper,
    ntInspection,
    ntDraft,
    ntSupplement,
    ntWithdrawn,
    lcDecision,
    lcBlockRejected,
    lcChairmanRejected,
    lcRevoked,
    htBlockVote,
    htCouncil,
    htSupplement,
  ];
}
