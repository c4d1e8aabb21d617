import { PolicyNotFoundError } from '../nomination/errors';
import { NATIONAL_AWARD_TYPES } from '../nomination/values';
import { councilRulesFor } from './policy-set';
import { defaultPolicies, fastTestPolicy, findPolicy, resolvePolicy } from './registry';

describe('policy resolution', () => {
  it.each([
    ['lao-cai', '2024-01-01', 'lao-cai', 1],
    ['lao-cai', '2025-06-30', 'lao-cai', 1],
    ['lao-cai', '2025-07-01', 'lao-cai', 2],
    ['Lao-Cai ', '2026-03-01', 'lao-cai', 2],
    ['khanh-hoa', '2024-12-01', 'national-default', 1],
    ['khanh-hoa', '2025-07-01', 'national-default', 2],
    ['test-fast', '2024-06-01', 'test-fast', 1],
  ])('%s on %s → %s v%i', (province, day, id, version) => {
    expect(resolvePolicy(defaultPolicies, province, day)).toMatchObject({ id, version });
  });

  it('reads an instant in the province time zone: 17:00Z on 30 June is 1 July in Lào Cai', () => {
    expect(resolvePolicy(defaultPolicies, 'lao-cai', '2025-06-30T16:59:59Z').version).toBe(1);
    expect(resolvePolicy(defaultPolicies, 'lao-cai', '2025-06-30T17:00:00Z').version).toBe(2);
  });

  it('falls back to the national default before a province has its own rules', () => {
    const registry = {
      policies: [
        ...defaultPolicies.policies.filter((p) => p.id !== 'lao-cai'),
        { ...fastTestPolicy, id: 'lao-cai-late', province: 'lao-cai', effectiveFrom: '2026-01-01' },
      ],
    };
    expect(resolvePolicy(registry, 'lao-cai', '2025-12-31').id).toBe('national-default');
    expect(resolvePolicy(registry, 'lao-cai', '2026-01-01').id).toBe('lao-cai-late');
  });

  it('throws when no rule set applies: a configuration fault', () => {
    expect(() => resolvePolicy(defaultPolicies, 'lao-cai', '2023-12-31')).toThrow(PolicyNotFoundError);
  });

  it('finds the exact version an event names', () => {
    expect(findPolicy(defaultPolicies, 'lao-cai', 2)?.effectiveFrom).toBe('2025-07-01');
    expect(findPolicy(defaultPolicies, 'lao-cai', 9)).toBeUndefined();
  });

  it('every policy line has unique versions', () => {
    const keys = defaultPolicies.policies.map((p) => `${p.id}@${p.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the rule sets', () => {
  it.each(defaultPolicies.policies.map((p) => [`${p.id} v${p.version}`, p] as const))(
    '%s runs the four provincial awards',
    (_name, p) => {
      for (const award of NATIONAL_AWARD_TYPES) expect(p.awards[award]?.decidedBy).toBe('chairman');
      expect(p.legalBasis.length).toBeGreaterThan(0);
    },
  );

  it('council: 70 % generally, 90 % by secret ballot for the Provincial Emulation Fighter', () => {
    const p = resolvePolicy(defaultPolicies, 'lao-cai', '2024-12-01');
    expect(councilRulesFor(p, 'ProvincialCertificateOfMerit')).toEqual({ approvalRatio: 0.7, secretBallot: false });
    expect(councilRulesFor(p, 'ProvincialEmulationFighter')).toEqual({ approvalRatio: 0.9, secretBallot: true });
  });

  it('block vote defaults: quorum 2/3, approval 70 % of eligible, supplement once', () => {
    const p = resolvePolicy(defaultPolicies, 'default', '2024-12-01');
    expect(p.blockVote).toMatchObject({ quorumRatio: 2 / 3, approvalRatio: 0.7, denominator: 'eligible' });
    expect(p.supplement.maxRequests).toBe(1);
  });

  it('Lào Cai after the merge cites Decree 152/2025 and gives the block vote 15 working days', () => {
    const p = resolvePolicy(defaultPolicies, 'lao-cai', '2025-07-01');
    expect(p.legalBasis).toContain('Nghị định 152/2025/NĐ-CP');
    expect(p.deadlines.blockVote).toEqual({ kind: 'workingDays', days: 15 });
  });

  it('the fast test policy counts in seconds', () => {
    expect(fastTestPolicy.deadlines).toEqual({
      blockVote: { kind: 'duration', ms: 10_000 },
      supplement: { kind: 'duration', ms: 10_000 },
      councilReview: { kind: 'duration', ms: 15_000 },
      decision: { kind: 'duration', ms: 10_000 },
      reminderBefore: { kind: 'duration', ms: 3_000 },
    });
  });

  it('is plain data: survives a JSON round trip', () => {
    expect(JSON.parse(JSON.stringify(defaultPolicies))).toEqual(defaultPolicies);
  });
});
