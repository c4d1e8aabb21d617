import {
  covenantRefusal,
  isRegistered,
  leaderIn,
  leadershipOf,
  newRegistrations,
  type BlockLeaderSet,
} from './registration';

const stamp = { at: '2025-01-10T09:00:00+07:00', by: { userId: 'u', role: 'unit_officer' } };

describe('registration, covenant and block leaders', () => {
  it('registers titles once, refuses a second title for the same nominee, and answers "registered this year"', () => {
    const first = newRegistrations(
      [],
      [
        { kind: 'individual', name: 'Nguyễn Văn An', personId: 'p1', title: 'GrassrootsEmulationFighter' },
        { kind: 'collective', name: 'Phòng Tổng hợp', title: 'AdvancedLabourCollective' },
      ],
    );
    expect('entries' in first && first.entries).toHaveLength(2);
    if (!('entries' in first)) return;
    const held = [{ ...stamp, unitId: 'x', year: 2025, entries: first.entries }];
    expect(newRegistrations(held, [first.entries[0]!])).toEqual({ entries: [] });
    expect(newRegistrations(held, [{ ...first.entries[0]!, title: 'AdvancedWorker' }])).toMatchObject({
      code: 'ALREADY_REGISTERED',
    });
    expect(newRegistrations([], [{ kind: 'collective', name: 'Phòng A', title: 'AdvancedWorker' }])).toMatchObject({
      code: 'AWARD_NOT_FOR_NOMINEE_KIND',
    });
    expect(
      isRegistered(
        held,
        { kind: 'individual', name: 'Nguyễn Văn An', personId: 'p1' },
        'GrassrootsEmulationFighter',
        2025,
      ),
    ).toBe(true);
    expect(
      isRegistered(
        held,
        { kind: 'individual', name: 'Nguyễn Văn An', personId: 'p1' },
        'GrassrootsEmulationFighter',
        2024,
      ),
    ).toBe(false);
  });

  it('lets each member sign the covenant once, and nobody else', () => {
    const members = ['a', 'b'];
    expect(covenantRefusal([], 'a', members)).toBeUndefined();
    expect(covenantRefusal([{ ...stamp, blockId: 'k', year: 2025, unitId: 'a' }], 'a', members)).toMatchObject({
      code: 'ALREADY_DONE',
    });
    expect(covenantRefusal([], 'z', members)).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('keeps who led when', () => {
    const history: BlockLeaderSet[] = [
      { ...stamp, blockId: 'k', unitId: 'a', fromYear: 2023, toYear: 2024 },
      { ...stamp, blockId: 'k', unitId: 'b', fromYear: 2025 },
    ];
    expect(leaderIn(history, 2024)?.unitId).toBe('a');
    expect(leaderIn(history, 2026)?.unitId).toBe('b');
    expect(leaderIn(history, 2022)).toBeUndefined();
  });

  it('puts in office the account of the unit the record names, and the directory’s before any record', () => {
    const history: BlockLeaderSet[] = [
      { ...stamp, blockId: 'k', unitId: 'a', fromYear: 2023, toYear: 2024 },
      { ...stamp, blockId: 'k', unitId: 'b', fromYear: 2025 },
    ];
    expect(leadershipOf([], 'a', 2026)).toEqual({ inOffice: true });
    expect(leadershipOf(history, 'b', 2026).inOffice).toBe(true);
    expect(leadershipOf(history, 'a', 2026)).toMatchObject({ inOffice: false, leader: { unitId: 'b' } });
    expect(leadershipOf(history, 'a', 2024).inOffice).toBe(true);
    expect(leadershipOf(history, 'a', 2022)).toEqual({ inOffice: false });
  });
});
