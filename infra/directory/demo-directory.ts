import type { Role } from '@laurel/domain';
import { InMemoryDirectory, type DirectoryData, type DirectoryUser, type EmulationBlock, type Unit } from './directory';
import { hashPassword } from './password';

/**
 * Demo directory built on real provinces' blocks: Ninh Thuận's provincial Party
 * agencies block (8 units), Lào Cai's Fatherland Front, mass organisations and
 * Red Cross block (7 units), and Hà Tĩnh's provincial agencies and enterprises
 * block. People are invented; names carry their diacritics (NFC).
 *
 * Every demo user shares one password, given at start-up
 * (`LAUREL_DEMO_PASSWORD`, documented default `laurel-demo`); it is hashed with
 * a per-user salt here and never stored in clear.
 */

export const DEMO_PASSWORD_DEFAULT = 'laurel-demo';

const provinces = [
  { id: 'ninh-thuan', name: 'Ninh Thuận' },
  { id: 'lao-cai', name: 'Lào Cai' },
  { id: 'ha-tinh', name: 'Hà Tĩnh' },
];

const ntPartyBlock: EmulationBlock = {
  id: 'nt-party-agencies',
  name: 'Khối các cơ quan Đảng tỉnh Ninh Thuận',
  province: 'ninh-thuan',
  memberUnitIds: [
    'nt-party-office',
    'nt-propaganda',
    'nt-inspection',
    'nt-organisation',
    'nt-mass-mobilisation',
    'nt-newspaper',
    'nt-internal-affairs',
    'nt-political-school',
  ],
};

const lcFrontBlock: EmulationBlock = {
  id: 'lc-front-mass-organisations',
  name: 'Khối Mặt trận Tổ quốc, các đoàn thể và Hội Chữ thập đỏ tỉnh Lào Cai',
  province: 'lao-cai',
  memberUnitIds: [
    'lc-fatherland-front',
    'lc-youth-union',
    'lc-women-union',
    'lc-farmers-association',
    'lc-veterans-association',
    'lc-labour-federation',
    'lc-red-cross',
  ],
};

const htAgenciesBlock: EmulationBlock = {
  id: 'ht-agencies-enterprises',
  name: 'Khối các cơ quan và doanh nghiệp tỉnh Hà Tĩnh',
  province: 'ha-tinh',
  memberUnitIds: ['ht-finance', 'ht-construction', 'ht-power-company', 'ht-agribank', 'ht-water-supply'],
};

const units: Unit[] = [
  { id: 'nt-party-office', name: 'Văn phòng Tỉnh ủy Ninh Thuận', province: 'ninh-thuan' },
  { id: 'nt-propaganda', name: 'Ban Tuyên giáo Tỉnh ủy', province: 'ninh-thuan' },
  { id: 'nt-inspection', name: 'Ủy ban Kiểm tra Tỉnh ủy', province: 'ninh-thuan' },
  { id: 'nt-organisation', name: 'Ban Tổ chức Tỉnh ủy', province: 'ninh-thuan' },
  { id: 'nt-mass-mobilisation', name: 'Ban Dân vận Tỉnh ủy', province: 'ninh-thuan' },
  { id: 'nt-newspaper', name: 'Báo Ninh Thuận', province: 'ninh-thuan' },
  { id: 'nt-internal-affairs', name: 'Ban Nội chính Tỉnh ủy', province: 'ninh-thuan' },
  { id: 'nt-political-school', name: 'Trường Chính trị tỉnh Ninh Thuận', province: 'ninh-thuan' },
  // Provincial bodies outside the block: the Board's department and the council members' agencies.
  { id: 'nt-home-affairs', name: 'Sở Nội vụ tỉnh Ninh Thuận', province: 'ninh-thuan' },
  { id: 'nt-ppc-office', name: 'Văn phòng UBND tỉnh Ninh Thuận', province: 'ninh-thuan' },
  { id: 'nt-finance', name: 'Sở Tài chính tỉnh Ninh Thuận', province: 'ninh-thuan' },
  { id: 'nt-labour-federation', name: 'Liên đoàn Lao động tỉnh Ninh Thuận', province: 'ninh-thuan' },
  { id: 'nt-fatherland-front', name: 'Ủy ban MTTQ Việt Nam tỉnh Ninh Thuận', province: 'ninh-thuan' },

  { id: 'lc-fatherland-front', name: 'Ủy ban MTTQ Việt Nam tỉnh Lào Cai', province: 'lao-cai' },
  { id: 'lc-youth-union', name: 'Tỉnh đoàn Lào Cai', province: 'lao-cai' },
  { id: 'lc-women-union', name: 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai', province: 'lao-cai' },
  { id: 'lc-farmers-association', name: 'Hội Nông dân tỉnh Lào Cai', province: 'lao-cai' },
  { id: 'lc-veterans-association', name: 'Hội Cựu chiến binh tỉnh Lào Cai', province: 'lao-cai' },
  { id: 'lc-labour-federation', name: 'Liên đoàn Lao động tỉnh Lào Cai', province: 'lao-cai' },
  { id: 'lc-red-cross', name: 'Hội Chữ thập đỏ tỉnh Lào Cai', province: 'lao-cai' },
  { id: 'lc-home-affairs', name: 'Sở Nội vụ tỉnh Lào Cai', province: 'lao-cai' },
  { id: 'lc-ppc-office', name: 'Văn phòng UBND tỉnh Lào Cai', province: 'lao-cai' },

  { id: 'ht-finance', name: 'Sở Tài chính tỉnh Hà Tĩnh', province: 'ha-tinh' },
  { id: 'ht-construction', name: 'Sở Xây dựng tỉnh Hà Tĩnh', province: 'ha-tinh' },
  { id: 'ht-power-company', name: 'Công ty Điện lực Hà Tĩnh', province: 'ha-tinh' },
  { id: 'ht-agribank', name: 'Agribank Chi nhánh Hà Tĩnh', province: 'ha-tinh' },
  { id: 'ht-water-supply', name: 'Công ty Cổ phần Cấp nước Hà Tĩnh', province: 'ha-tinh' },
  { id: 'ht-home-affairs', name: 'Sở Nội vụ tỉnh Hà Tĩnh', province: 'ha-tinh' },
  { id: 'ht-ppc-office', name: 'Văn phòng UBND tỉnh Hà Tĩnh', province: 'ha-tinh' },
];

type DemoUser = Omit<DirectoryUser, 'username' | 'passwordHash'>;

function person(id: string, displayName: string, role: Role, scope: Partial<DemoUser> = {}): DemoUser {
  return { id, displayName, role, ...scope };
}

/** Unit heads for every block member: each of them votes for its unit. */
const unitHeads: DemoUser[] = [
  person('nt-head-party-office', 'Nguyễn Văn Thành', 'unit_head', { unitId: 'nt-party-office' }),
  person('nt-head-propaganda', 'Trần Thị Lệ Thủy', 'unit_head', { unitId: 'nt-propaganda' }),
  person('nt-head-inspection', 'Lê Quang Vinh', 'unit_head', { unitId: 'nt-inspection' }),
  person('nt-head-organisation', 'Phạm Minh Đức', 'unit_head', { unitId: 'nt-organisation' }),
  person('nt-head-mass-mobilisation', 'Đặng Thị Hồng Nhung', 'unit_head', { unitId: 'nt-mass-mobilisation' }),
  person('nt-head-newspaper', 'Võ Thanh Tùng', 'unit_head', { unitId: 'nt-newspaper' }),
  person('nt-head-internal-affairs', 'Huỳnh Văn Lợi', 'unit_head', { unitId: 'nt-internal-affairs' }),
  person('nt-head-political-school', 'Châu Thị Mỹ Hạnh', 'unit_head', { unitId: 'nt-political-school' }),

  person('lc-head-fatherland-front', 'Giàng Seo Phử', 'unit_head', { unitId: 'lc-fatherland-front' }),
  person('lc-head-youth-union', 'Lương Thị Ngọc Ánh', 'unit_head', { unitId: 'lc-youth-union' }),
  person('lc-head-women-union', 'Vàng Thị Mai', 'unit_head', { unitId: 'lc-women-union' }),
  person('lc-head-farmers-association', 'Hoàng Văn Khởi', 'unit_head', { unitId: 'lc-farmers-association' }),
  person('lc-head-veterans-association', 'Lù Văn Sáng', 'unit_head', { unitId: 'lc-veterans-association' }),
  person('lc-head-labour-federation', 'Nông Thị Thu Hường', 'unit_head', { unitId: 'lc-labour-federation' }),
  person('lc-head-red-cross', 'Sùng A Chư', 'unit_head', { unitId: 'lc-red-cross' }),

  person('ht-head-finance', 'Nguyễn Hữu Nghĩa', 'unit_head', { unitId: 'ht-finance' }),
  person('ht-head-construction', 'Phan Thị Thu Trang', 'unit_head', { unitId: 'ht-construction' }),
  person('ht-head-power-company', 'Bùi Xuân Trường', 'unit_head', { unitId: 'ht-power-company' }),
  person('ht-head-agribank', 'Thái Văn Hùng', 'unit_head', { unitId: 'ht-agribank' }),
  person('ht-head-water-supply', 'Đinh Thị Hoài Thương', 'unit_head', { unitId: 'ht-water-supply' }),
];

const unitOfficers: DemoUser[] = [
  person('nt-officer-party-office', 'Trương Thị Bích Ngọc', 'unit_officer', { unitId: 'nt-party-office' }),
  person('nt-officer-newspaper', 'Lâm Quốc Bảo', 'unit_officer', { unitId: 'nt-newspaper' }),
  person('nt-officer-inspection', 'Mai Thị Phương Thảo', 'unit_officer', { unitId: 'nt-inspection' }),
  person('nt-officer-propaganda', 'Dương Văn Khải', 'unit_officer', { unitId: 'nt-propaganda' }),
  person('lc-officer-youth-union', 'Hà Thị Thúy Hằng', 'unit_officer', { unitId: 'lc-youth-union' }),
  person('lc-officer-red-cross', 'Lò Văn Quý', 'unit_officer', { unitId: 'lc-red-cross' }),
  person('ht-officer-power-company', 'Trần Đình Khoa', 'unit_officer', { unitId: 'ht-power-company' }),
  person('ht-officer-finance', 'Lê Thị Ngọc Ánh', 'unit_officer', { unitId: 'ht-finance' }),
];

const blockLeaders: DemoUser[] = [
  // The Organisation Committee leads the Party block this year; the leader is its deputy head.
  person('nt-leader-party-agencies', 'Ngô Thị Kim Liên', 'block_leader', {
    blockId: ntPartyBlock.id,
    unitId: 'nt-organisation',
  }),
  person('lc-leader-front', 'Vũ Đức Thắng', 'block_leader', {
    blockId: lcFrontBlock.id,
    unitId: 'lc-fatherland-front',
  }),
  person('ht-leader-agencies', 'Hồ Sỹ Quyết', 'block_leader', { blockId: htAgenciesBlock.id, unitId: 'ht-finance' }),
];

const provincial: DemoUser[] = [
  person('nt-board-officer', 'Phan Thị Thanh Tâm', 'board_officer', { unitId: 'nt-home-affairs' }),
  // Six council members; the Party Committee Office's chief sits on the council and recuses for its nominations.
  person('nt-council-home-affairs', 'Đỗ Văn Hải', 'council_member', { unitId: 'nt-home-affairs' }),
  person('nt-council-ppc-office', 'Nguyễn Thị Ánh Tuyết', 'council_member', { unitId: 'nt-ppc-office' }),
  person('nt-council-finance', 'Lê Hoàng Phúc', 'council_member', { unitId: 'nt-finance' }),
  person('nt-council-labour', 'Trịnh Thị Xuân Mai', 'council_member', { unitId: 'nt-labour-federation' }),
  person('nt-council-front', 'Quảng Đại Tuyên', 'council_member', { unitId: 'nt-fatherland-front' }),
  person('nt-council-party-office', 'Bạch Văn Đông', 'council_member', { unitId: 'nt-party-office' }),
  person('nt-chairman', 'Trần Quốc Nam', 'chairman', { unitId: 'nt-ppc-office' }),
  person('nt-auditor', 'Kiều Thị Diễm My', 'auditor', { province: 'ninh-thuan' }),

  person('lc-board-officer', 'Đào Thị Minh Nguyệt', 'board_officer', { unitId: 'lc-home-affairs' }),
  person('lc-council-home-affairs', 'Nguyễn Trọng Hài', 'council_member', { unitId: 'lc-home-affairs' }),
  person('lc-council-ppc-office', 'Hoàng Thị Thu Hà', 'council_member', { unitId: 'lc-ppc-office' }),
  person('lc-council-front', 'Ma Văn Ngọc', 'council_member', { unitId: 'lc-fatherland-front' }),
  person('lc-chairman', 'Trịnh Xuân Trường', 'chairman', { unitId: 'lc-ppc-office' }),
  person('lc-auditor', 'Phùng Thị Huyền', 'auditor', { province: 'lao-cai' }),

  person('ht-board-officer', 'Võ Thị Thanh Hương', 'board_officer', { unitId: 'ht-home-affairs' }),
  person('ht-council-home-affairs', 'Nguyễn Xuân Lộc', 'council_member', { unitId: 'ht-home-affairs' }),
  person('ht-council-ppc-office', 'Đặng Quốc Khánh', 'council_member', { unitId: 'ht-ppc-office' }),
  person('ht-council-finance', 'Trần Thị Hải Yến', 'council_member', { unitId: 'ht-finance' }),
  person('ht-chairman', 'Võ Trọng Hải', 'chairman', { unitId: 'ht-ppc-office' }),

  person('admin', 'Quản trị hệ thống', 'admin'),
];

/** The demo directory's structure and people, without passwords. Usernames are the user ids. */
export function demoDirectoryData(): DirectoryData {
  const users = [...unitOfficers, ...unitHeads, ...blockLeaders, ...provincial].map((u): DirectoryUser => ({
    ...u,
    username: u.id,
  }));
  return { provinces, blocks: [ntPartyBlock, lcFrontBlock, htAgenciesBlock], units, users };
}

/**
 * The demo directory with every user's password set to `password`, each hashed
 * with its own salt. Takes a few hundred milliseconds (scrypt, on libuv's pool).
 */
export async function seedDemoDirectory(password: string): Promise<InMemoryDirectory> {
  if (password.length === 0) throw new Error('the demo password must not be empty');
  const data = demoDirectoryData();
  const users = await Promise.all(
    data.users.map(async (u): Promise<DirectoryUser> => ({ ...u, passwordHash: await hashPassword(password) })),
  );
  return new InMemoryDirectory({ ...data, users });
}
