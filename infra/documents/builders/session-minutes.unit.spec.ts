import { buildCouncilSessionMinutes, templateFor, type DocumentNames } from '../index';
import type { Block, Table } from '../model';

const names: DocumentNames = {
  province: (id) => ({ 'ninh-thuan': 'Ninh Thuận' })[id] ?? id,
  unit: (id) => ({ 'unit-a': 'Văn phòng Tỉnh ủy', 'unit-b': 'Báo Ninh Thuận' })[id] ?? id,
  block: (id) => id,
  person: (id) => ({ m1: 'Đỗ Văn Hải', m2: 'Lê Hoàng Phúc', m3: 'Bạch Văn Đông' })[id] ?? id,
};

const input = {
  sessionId: 'hd-2025-4',
  province: 'ninh-thuan',
  title: 'Phiên họp quý IV',
  campaignYear: 2025,
  openedAt: '2026-12-01T02:00:00.000Z',
  memberIds: ['m1', 'm2', 'm3'],
  presentMemberIds: ['m1', 'm2'],
  quorumRatio: 2 / 3,
  closed: { at: '2026-12-01T09:00:00.000Z', ballots: 2, memberCount: 3, quorumMet: true },
  items: [
    {
      nominationId: 'n-1',
      nomineeName: 'Nguyễn Thị Hương',
      proposingUnitId: 'unit-a',
      awardType: 'ProvincialCertificateOfMerit' as const,
      secretBallot: false,
      recusedMemberIds: ['m3'],
      tally: { approve: 2, reject: 0, eligible: 2, responded: 2, passed: true },
    },
    {
      nominationId: 'n-2',
      nomineeName: 'Trần Văn Bình',
      proposingUnitId: 'unit-b',
      awardType: 'ProvincialEmulationFighter' as const,
      secretBallot: true,
      recusedMemberIds: [],
      tally: { approve: 1, reject: 1, eligible: 3, responded: 2, passed: false },
    },
  ],
};

function table(body: readonly Block[]): Table {
  return body.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table')!.table;
}

describe('council session minutes', () => {
  it('say when the council sat, who voted, the quorum, and each item with its recusals and count', () => {
    const model = buildCouncilSessionMinutes(input, templateFor('ninh-thuan', 'council_minutes'), names);
    const text = model.body.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(model.heading).toBe('BIÊN BẢN');
    expect(model.header.placeAndDate).toBe('Ninh Thuận, ngày 01 tháng 12 năm 2026');
    expect(text).toContain(
      'có mặt và bỏ phiếu: 02 thành viên (Đỗ Văn Hải, Lê Hoàng Phúc); không bỏ phiếu: Bạch Văn Đông',
    );
    expect(text).toContain('Số thành viên bỏ phiếu: 2/3; tỷ lệ tối thiểu 66,7%. Phiên họp đủ số thành viên');
    expect(table(model.body).rows).toEqual([
      [
        '1',
        'Nguyễn Thị Hương (Văn phòng Tỉnh ủy)',
        'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
        'Biểu quyết công khai; không tham gia: Bạch Văn Đông',
        '2 / 0 / 2',
        'Đạt',
      ],
      // A secret item: the number of ballots and the totals, never who chose what.
      [
        '2',
        'Trần Văn Bình (Báo Ninh Thuận)',
        'Danh hiệu Chiến sĩ thi đua cấp tỉnh',
        'Bỏ phiếu kín (2 phiếu)',
        '1 / 1 / 3',
        'Không đạt',
      ],
    ]);
    expect(model.nominationIds).toEqual(['n-1', 'n-2']);
    expect(model.recordedAt).toBe(input.closed.at);
  });

  it('without quorum, no item is counted', () => {
    const thin = {
      ...input,
      presentMemberIds: ['m1'],
      closed: { ...input.closed, ballots: 1, quorumMet: false },
      items: input.items.map(({ tally: _t, ...item }) => item),
    };
    const model = buildCouncilSessionMinutes(thin, templateFor('ninh-thuan', 'council_minutes'), names);
    const text = model.body.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain('Phiên họp không đủ số thành viên theo quy định, các đề nghị chưa được biểu quyết');
    expect(table(model.body).rows.map((r) => r.slice(4))).toEqual([
      ['—', 'Chưa biểu quyết'],
      ['—', 'Chưa biểu quyết'],
    ]);
  });
});
