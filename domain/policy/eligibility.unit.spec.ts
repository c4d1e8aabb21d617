import type { AwardType, NomineeKind, NomineeRecord } from '../nomination/values';
import { achievementKey, evaluateEligibility, isDeferred, leadingUnitKey } from './eligibility';
import { defaultPolicies, resolvePolicy } from './registry';

const policy = resolvePolicy(defaultPolicies, 'lao-cai', '2024-12-01');
const YEAR = 2024;

function judge(award: AwardType, kind: NomineeKind, record: NomineeRecord) {
  const rule = policy.awards[award];
  if (!rule) throw new Error(`no rule for ${award}`);
  return evaluateEligibility(rule.eligibility, kind, record, YEAR);
}

const empty: NomineeRecord = { titles: [], ratings: [], initiatives: [] };
const gef = (...years: number[]) => years.map((year) => ({ year, title: 'GrassrootsEmulationFighter' as const }));
const excellent = (...years: number[]) => years.map((year) => ({ year, rating: 'Excellent' as const }));

describe('Provincial Emulation Fighter (Art. 22)', () => {
  const initiative = { year: 2023, title: 'Phần mềm quản lý hồ sơ', scope: 'province' as const };

  it('passes with 3 consecutive grassroots titles and a province-wide initiative', () => {
    expect(
      judge('ProvincialEmulationFighter', 'individual', {
        ...empty,
        titles: gef(2022, 2023, 2024),
        initiatives: [initiative],
      }),
    ).toEqual({
      eligible: true,
      unmet: [],
      met: [
        '3 consecutive GrassrootsEmulationFighter titles (2022–2024)',
        '1 initiative of at least province scope in 2022–2024',
      ],
    });
  });

  it('fails when a year of the three is missing', () => {
    const result = judge('ProvincialEmulationFighter', 'individual', {
      ...empty,
      titles: gef(2021, 2022, 2024),
      initiatives: [initiative],
    });
    expect(result.eligible).toBe(false);
    expect(result.unmet).toEqual(['needs GrassrootsEmulationFighter in each year 2022–2024; missing 2023']);
  });

  it('fails when the initiative reaches only the unit, or lies outside the three years', () => {
    for (const i of [
      { ...initiative, scope: 'unit' as const },
      { ...initiative, year: 2021 },
    ]) {
      const result = judge('ProvincialEmulationFighter', 'individual', {
        ...empty,
        titles: gef(2022, 2023, 2024),
        initiatives: [i],
      });
      expect(result.unmet).toEqual(['needs 1 initiative of at least province scope in 2022–2024; found 0']);
    }
  });

  it('counts a national initiative as at least province scope', () => {
    const result = judge('ProvincialEmulationFighter', 'individual', {
      ...empty,
      titles: gef(2022, 2023, 2024),
      initiatives: [{ ...initiative, scope: 'national' }],
    });
    expect(result.eligible).toBe(true);
  });

  it('lists every unmet reason', () => {
    expect(judge('ProvincialEmulationFighter', 'individual', empty).unmet).toHaveLength(2);
  });
});

describe('Provincial Certificate of Merit (Art. 74(1)(d))', () => {
  it('individual: passes with 2 consecutive grassroots titles', () => {
    expect(judge('ProvincialCertificateOfMerit', 'individual', { ...empty, titles: gef(2023, 2024) }).eligible).toBe(
      true,
    );
  });

  it('individual: passes with 2 Excellent years and 2 initiatives in them', () => {
    const record: NomineeRecord = {
      ...empty,
      ratings: excellent(2023, 2024),
      initiatives: [
        { year: 2023, title: 'A', scope: 'unit' },
        { year: 2024, title: 'B', scope: 'sector' },
      ],
    };
    expect(judge('ProvincialCertificateOfMerit', 'individual', record).eligible).toBe(true);
  });

  it('individual: fails with 2 Excellent years but one initiative, explaining both alternatives', () => {
    const record: NomineeRecord = {
      ...empty,
      titles: gef(2024),
      ratings: excellent(2023, 2024),
      initiatives: [{ year: 2024, title: 'B', scope: 'unit' }],
    };
    const result = judge('ProvincialCertificateOfMerit', 'individual', record);
    expect(result.eligible).toBe(false);
    expect(result.unmet).toEqual([
      'none of the alternatives is met: (1) needs GrassrootsEmulationFighter in each year 2023–2024; missing 2023 or (2) needs 2 initiatives of at least unit scope in 2023–2024; found 1',
    ]);
  });

  it('individual: fails when the Excellent years are not consecutive up to the campaign', () => {
    const record: NomineeRecord = {
      ...empty,
      ratings: excellent(2022, 2024),
      initiatives: [
        { year: 2023, title: 'A', scope: 'unit' },
        { year: 2024, title: 'B', scope: 'unit' },
      ],
    };
    expect(judge('ProvincialCertificateOfMerit', 'individual', record).eligible).toBe(false);
  });

  it('collective: passes with 2 consecutive Excellent years [default]', () => {
    expect(
      judge('ProvincialCertificateOfMerit', 'collective', { ...empty, ratings: excellent(2023, 2024) }).eligible,
    ).toBe(true);
  });

  it('collective: fails with a Good year', () => {
    const result = judge('ProvincialCertificateOfMerit', 'collective', {
      ...empty,
      ratings: [...excellent(2024), { year: 2023, rating: 'Good' }],
    });
    expect(result.unmet).toEqual(['needs the rating Excellent in each year 2023–2024; missing 2023']);
  });
});

describe('Excellent Labour Collective (Art. 27)', () => {
  const stats = { memberCount: 20, completedTasks: 20, advancedWorkers: 14, grassrootsFighters: 1 };
  const record: NomineeRecord = { ...empty, ratings: excellent(2024), memberStats: stats };

  it('passes: Excellent, all completed, 70 % advanced, one grassroots fighter', () => {
    expect(judge('ExcellentLabourCollective', 'collective', record).eligible).toBe(true);
  });

  it.each([
    ['not rated Excellent', { ...record, ratings: [{ year: 2024, rating: 'Good' as const }] }, 'rating Excellent'],
    [
      'one member did not complete tasks',
      { ...record, memberStats: { ...stats, completedTasks: 19 } },
      'completed their tasks',
    ],
    [
      '69 % advanced workers',
      { ...record, memberStats: { ...stats, memberCount: 100, completedTasks: 100, advancedWorkers: 69 } },
      'Advanced Workers',
    ],
    [
      'no grassroots fighter',
      { ...record, memberStats: { ...stats, grassrootsFighters: 0 } },
      'Grassroots Emulation Fighters',
    ],
    ['no member statistics', { ...empty, ratings: excellent(2024) }, 'member statistics'],
  ])('fails when %s', (_name, failing, text) => {
    const result = judge('ExcellentLabourCollective', 'collective', failing);
    expect(result.eligible).toBe(false);
    expect(result.unmet.join(' ')).toContain(text);
  });

  it('meets 70 % exactly despite floating point (7 of 10)', () => {
    const tens = { memberCount: 10, completedTasks: 10, advancedWorkers: 7, grassrootsFighters: 1 };
    expect(judge('ExcellentLabourCollective', 'collective', { ...record, memberStats: tens }).eligible).toBe(true);
  });
});

describe('Provincial Emulation Flag (Art. 26)', () => {
  const record: NomineeRecord = {
    ...empty,
    titles: [{ year: 2024, title: 'ExcellentLabourCollective' }],
    flags: { exceededTargets: true, exemplary: true, newModels: true, acclaimedByBlock: true },
  };

  it('passes with every condition met', () => {
    expect(judge('ProvincialEmulationFlag', 'collective', record).eligible).toBe(true);
  });

  it.each(['exceededTargets', 'exemplary', 'newModels'] as const)('fails without %s', (flag) => {
    const result = judge('ProvincialEmulationFlag', 'collective', {
      ...record,
      flags: { ...record.flags, [flag]: false },
    });
    expect(result.eligible).toBe(false);
    expect(result.unmet).toHaveLength(1);
  });

  it("does not read a unit's own acclamation flag: the block session's vote acclaims", () => {
    const result = judge('ProvincialEmulationFlag', 'collective', {
      ...record,
      flags: { ...record.flags, acclaimedByBlock: false },
    });
    expect(result.eligible).toBe(true);
    expect(result.met.join(' ')).not.toContain('acclaimed');
  });

  it('fails without the Excellent Labour Collective title for the year', () => {
    const result = judge('ProvincialEmulationFlag', 'collective', {
      ...record,
      titles: [{ year: 2023, title: 'ExcellentLabourCollective' }],
    });
    expect(result.unmet).toEqual(['needs the title ExcellentLabourCollective for 2024']);
  });
});

describe('rule tree', () => {
  it('a kind without a branch is not eligible', () => {
    const result = evaluateEligibility(
      { kind: 'byNomineeKind', collective: { kind: 'allOf', rules: [] } },
      'individual',
      empty,
      YEAR,
    );
    expect(result).toEqual({ eligible: false, met: [], unmet: ['no eligibility rule for a individual nominee'] });
  });

  it('an empty allOf is met, an empty anyOf is not', () => {
    expect(evaluateEligibility({ kind: 'allOf', rules: [] }, 'individual', empty, YEAR).eligible).toBe(true);
    expect(evaluateEligibility({ kind: 'anyOf', rules: [] }, 'individual', empty, YEAR).eligible).toBe(false);
  });
});

describe('deferral and keys', () => {
  it('defers a nominee under disciplinary review (Decree 98 Art. 4)', () => {
    expect(isDeferred({ ...empty, flags: { underDisciplinaryReview: true } })).toBe(true);
    expect(isDeferred(empty)).toBe(false);
  });

  it('the achievement key differs by award, year and person, and ignores name spelling', () => {
    const nominee = { kind: 'individual' as const, name: 'Lê Văn A', unitId: 'u1' };
    const key = achievementKey(nominee, 'ProvincialCertificateOfMerit', 2024);
    expect(achievementKey({ ...nominee, name: ' LÊ  VĂN A ' }, 'ProvincialCertificateOfMerit', 2024)).toBe(key);
    expect(achievementKey(nominee, 'ProvincialCertificateOfMerit', 2023)).not.toBe(key);
    expect(achievementKey(nominee, 'ProvincialEmulationFighter', 2024)).not.toBe(key);
    expect(achievementKey({ ...nominee, personId: 'p1' }, 'ProvincialCertificateOfMerit', 2024)).not.toBe(key);
    expect(achievementKey({ ...nominee, personId: 'p1', name: 'Lê Văn B' }, 'ProvincialCertificateOfMerit', 2024)).toBe(
      achievementKey({ ...nominee, personId: 'p1' }, 'ProvincialCertificateOfMerit', 2024),
    );
  });

  it('the leading-unit key names one flag per block and year', () => {
    expect(leadingUnitKey('Lao-Cai', 'block-1', 2024)).toBe(leadingUnitKey('lao-cai', ' block-1 ', 2024));
    expect(leadingUnitKey('lao-cai', 'block-1', 2024)).not.toBe(leadingUnitKey('lao-cai', 'block-2', 2024));
  });
});
