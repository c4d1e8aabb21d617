import { DirectoryError, InMemoryDirectory, type DirectoryData } from './directory';
import { demoDirectoryData, seedDemoDirectory } from './demo-directory';
import { parseDirectory } from './directory-file';
import { hashPassword, verifyPassword } from './password';

describe('demo directory', () => {
  let directory: InMemoryDirectory;
  const password = `demo-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    directory = await seedDemoDirectory(password);
    // Hashing every demo user's password is CPU-bound: on a loaded machine it outlasts jest's 5 s default.
  }, 60_000);

  it('holds the seed cases: Ninh Thuận Party agencies (8 units), Lào Cai Front and mass organisations (7), Hà Tĩnh agencies and enterprises', () => {
    const names = (blockId: string) => directory.unitsOfBlock(blockId).map((u) => u.name);
    expect(names('nt-party-agencies')).toHaveLength(8);
    expect(names('nt-party-agencies')).toEqual(
      expect.arrayContaining([
        'Văn phòng Tỉnh ủy Ninh Thuận',
        'Ban Tuyên giáo Tỉnh ủy',
        'Ủy ban Kiểm tra Tỉnh ủy',
        'Ban Tổ chức Tỉnh ủy',
        'Ban Dân vận Tỉnh ủy',
        'Báo Ninh Thuận',
      ]),
    );
    expect(names('lc-front-mass-organisations')).toHaveLength(7);
    expect(directory.block('ht-agencies-enterprises')?.name).toBe('Khối các cơ quan và doanh nghiệp tỉnh Hà Tĩnh');
    expect(directory.blockOfUnit('nt-newspaper')?.id).toBe('nt-party-agencies');
    expect(directory.blockOfUnit('nt-home-affairs')).toBeUndefined();
  });

  it('keeps every name in NFC', () => {
    const texts = [
      ...directory.users().map((u) => u.displayName),
      ...demoDirectoryData().units.map((u) => u.name),
      ...directory.provinces().map((p) => p.name),
    ];
    for (const text of texts) expect(text).toBe(text.normalize('NFC'));
  });

  it('has people for every role, a leader per block, and a council of at least five with one member to recuse', () => {
    const roles = new Set(directory.users().map((u) => u.role));
    expect([...roles].sort()).toEqual(
      [
        'admin',
        'auditor',
        'block_leader',
        'board_officer',
        'chairman',
        'council_member',
        'unit_head',
        'unit_officer',
      ].sort(),
    );
    for (const block of ['nt-party-agencies', 'lc-front-mass-organisations', 'ht-agencies-enterprises']) {
      expect(directory.users().filter((u) => u.role === 'block_leader' && u.blockId === block)).toHaveLength(1);
      for (const unit of directory.unitsOfBlock(block))
        expect(directory.usersOfUnit(unit.id, 'unit_head')).toHaveLength(1);
    }
    const council = directory.councilMembers('ninh-thuan');
    expect(council.length).toBeGreaterThanOrEqual(5);
    expect(council.filter((m) => m.unitId === 'nt-party-office')).toHaveLength(1);
  });

  it('derives a unit user’s block and province from the unit', () => {
    expect(directory.findUser('nt-head-newspaper')).toMatchObject({
      blockId: 'nt-party-agencies',
      province: 'ninh-thuan',
    });
    expect(directory.findUser('lc-leader-front')).toMatchObject({
      blockId: 'lc-front-mass-organisations',
      province: 'lao-cai',
    });
    expect(directory.findUser('admin')).not.toHaveProperty('province');
  });

  it('stores salted scrypt hashes, never the password', async () => {
    const [a, b] = [directory.findUser('nt-chairman')!, directory.findUser('nt-auditor')!];
    expect(a.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a.passwordHash).not.toContain(password);
    expect(a.passwordHash).not.toBe(b.passwordHash);
    expect(await verifyPassword(password, a.passwordHash!)).toBe(true);
    expect(await verifyPassword(`${password}x`, a.passwordHash!)).toBe(false);
    expect(directory.findUserByUsername('NT-Chairman')?.id).toBe('nt-chairman');
  });
});

describe('password hashes', () => {
  it('match a password typed with combining marks to the precomposed one', async () => {
    const hash = await hashPassword('Mật khẩu');
    expect(await verifyPassword('Ma\u0302\u0323t kha\u0302\u0309u', hash)).toBe(true);
  });

  it('never match a malformed or hostile stored hash', async () => {
    expect(await verifyPassword('x', 'plaintext')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA')).toBe(false);
  });
});

describe('directory consistency', () => {
  const base = (): DirectoryData => ({
    provinces: [{ id: 'p', name: 'Tỉnh' }],
    blocks: [{ id: 'b', name: 'Khối', province: 'p', memberUnitIds: ['u1', 'u2'] }],
    units: [
      { id: 'u1', name: 'Đơn vị 1', province: 'p' },
      { id: 'u2', name: 'Đơn vị 2', province: 'p' },
    ],
    users: [{ id: 'h', username: 'h', displayName: 'Người', role: 'unit_head', unitId: 'u1' }],
  });

  it('accepts a consistent directory', () => {
    expect(new InMemoryDirectory(base()).findUser('h')).toMatchObject({ blockId: 'b', province: 'p' });
  });

  it.each<[string, (d: DirectoryData) => DirectoryData]>([
    ['a unit in two blocks', (d) => ({ ...d, blocks: [...d.blocks, { ...d.blocks[0]!, id: 'b2' }] })],
    ['a block listing an unknown unit', (d) => ({ ...d, blocks: [{ ...d.blocks[0]!, memberUnitIds: ['u1', 'zz'] }] })],
    [
      'a unit head without a unit',
      (d) => ({ ...d, users: [{ id: 'h', username: 'h', displayName: 'N', role: 'unit_head' }] }),
    ],
    [
      'a block leader of no block',
      (d) => ({ ...d, users: [{ id: 'l', username: 'l', displayName: 'N', role: 'block_leader', blockId: 'nope' }] }),
    ],
    [
      'a chairman without a province',
      (d) => ({ ...d, users: [{ id: 'c', username: 'c', displayName: 'N', role: 'chairman' }] }),
    ],
    ['a duplicate username', (d) => ({ ...d, users: [...d.users, { ...d.users[0]!, id: 'h2', username: 'H' }] })],
  ])('refuses %s', (_name, change) => {
    expect(() => new InMemoryDirectory(change(base()))).toThrow(DirectoryError);
  });
});

describe('directory files', () => {
  it('take password hashes and refuse plaintext passwords and unknown fields', async () => {
    const hash = await hashPassword('s3cret-for-this-test');
    const file = {
      provinces: [{ id: 'p', name: 'Tỉnh' }],
      blocks: [{ id: 'b', name: 'Khối', province: 'p', memberUnitIds: ['u1'] }],
      units: [{ id: 'u1', name: 'Đơn vị', province: 'p' }],
      users: [{ id: 'h', displayName: 'Người', role: 'unit_head', unitId: 'u1', passwordHash: hash }],
    };
    const directory = parseDirectory(file);
    expect(directory.findUserByUsername('h')?.passwordHash).toBe(hash);
    expect(() => parseDirectory({ ...file, users: [{ ...file.users[0], password: 'x' }] })).toThrow(/password/);
    expect(() => parseDirectory({ ...file, users: [{ ...file.users[0], passwordHash: 'x' }] })).toThrow(/scrypt/);
  });
});
