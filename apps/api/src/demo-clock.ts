import { NATIONAL_DEFAULT_PROVINCE, type DeadlinePolicy, type PolicyRegistry, type PolicySet } from '@laurel/domain';

/**
 * The demo clock (LAUREL_DEMO_FAST_PROVINCES): chosen provinces run under a
 * copy of their real rule set whose stage deadlines are minutes instead of
 * working days, so a freshly started demo shows reminders, counted votes,
 * escalations and expiries within minutes. Everything else (awards,
 * eligibility, voting ratios, calendar) stays the province's own.
 */
export const DEMO_CLOCK_DEADLINES: DeadlinePolicy = {
  blockVote: { kind: 'duration', ms: 3 * 60_000 },
  supplement: { kind: 'duration', ms: 3 * 60_000 },
  councilReview: { kind: 'duration', ms: 4 * 60_000 },
  decision: { kind: 'duration', ms: 3 * 60_000 },
  reminderBefore: { kind: 'duration', ms: 60_000 },
};

export function demoClockPolicyId(province: string): string {
  return `${province}-demo-clock`;
}

/** The versions a province resolves to today: its own, else the national default's. */
function realVersions(registry: PolicyRegistry, province: string): PolicySet[] {
  const own = registry.policies.filter((p) => p.province === province);
  return own.length > 0 ? own : registry.policies.filter((p) => p.province === NATIONAL_DEFAULT_PROVINCE);
}

function demoClockCopy(real: PolicySet, province: string): PolicySet {
  return {
    ...real,
    id: demoClockPolicyId(province),
    // One demo version per real version, so the date a rule set took effect still picks the right one.
    version: real.version,
    province,
    legalBasis: [
      ...real.legalBasis,
      `Demo clock (LAUREL_DEMO_FAST_PROVINCES): the rules of ${real.id} v${real.version} with stage deadlines ` +
        'in minutes instead of working days; not a legal rule set',
    ],
    deadlines: DEMO_CLOCK_DEADLINES,
  };
}

/**
 * The registry with a demo-clock copy of each real version for every listed
 * province. The copies come first: `resolvePolicy` keeps the first of rule
 * sets with the same effective date and version, so they win over a
 * province's own; the real ones stay in the registry, so `findPolicy` still
 * finds what earlier nominations were judged under.
 */
export function withDemoClock(registry: PolicyRegistry, provinces: readonly string[]): PolicyRegistry {
  const slugs = [...new Set(provinces.map((p) => p.trim().toLowerCase()).filter((p) => p !== ''))];
  if (slugs.length === 0) return registry;
  const copies = slugs.flatMap((province) => realVersions(registry, province).map((p) => demoClockCopy(p, province)));
  return { policies: [...copies, ...registry.policies] };
}
