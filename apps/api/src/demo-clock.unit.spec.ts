import { defaultPolicies, findPolicy, resolvePolicy, stageDeadlines } from '@laurel/domain';
import { ConfigError, loadConfig } from '@laurel/infra/config/config';
import { DEMO_CLOCK_DEADLINES, withDemoClock } from './demo-clock';

const TODAY = '2026-11-23';

describe('demo clock', () => {
  it('is off unless provinces are named', () => {
    expect(loadConfig({}).LAUREL_DEMO_FAST_PROVINCES).toEqual([]);
    expect(withDemoClock(defaultPolicies, [])).toBe(defaultPolicies);
  });

  it('reads a comma-separated list of province ids, and refuses anything else', () => {
    expect(
      loadConfig({ LAUREL_DEMO_FAST_PROVINCES: ' ha-tinh, Lao-Cai,,ha-tinh ' }).LAUREL_DEMO_FAST_PROVINCES,
    ).toEqual(['ha-tinh', 'lao-cai']);
    expect(() => loadConfig({ LAUREL_DEMO_FAST_PROVINCES: 'hà tĩnh' })).toThrow(ConfigError);
  });

  it('gives a province without rules of its own a copy of the national rules with minute deadlines', () => {
    const registry = withDemoClock(defaultPolicies, ['ha-tinh']);
    const national = resolvePolicy(defaultPolicies, 'ha-tinh', TODAY);
    const demo = resolvePolicy(registry, 'ha-tinh', TODAY);
    expect(demo).toMatchObject({ id: 'ha-tinh-demo-clock', version: national.version, province: 'ha-tinh' });
    expect(demo.deadlines).toEqual(DEMO_CLOCK_DEADLINES);
    expect(demo.legalBasis.at(-1)).toMatch(/^Demo clock/);
    // Everything but the clock is the province's real rule set.
    expect({ ...demo, id: national.id, province: national.province, legalBasis: [], deadlines: null }).toEqual({
      ...national,
      legalBasis: [],
      deadlines: null,
    });
    const at = '2026-11-23T03:00:00.000Z';
    expect(stageDeadlines(demo, 'BlockVote', at)).toEqual({
      deadline: '2026-11-23T03:03:00.000Z',
      reminderAt: '2026-11-23T03:02:00.000Z',
    });
    expect(stageDeadlines(demo, 'CouncilReview', at).deadline).toBe('2026-11-23T03:04:00.000Z');
  });

  it('wins over a province’s own rules, which stay findable for the nominations judged under them', () => {
    const registry = withDemoClock(defaultPolicies, ['lao-cai']);
    const own = resolvePolicy(defaultPolicies, 'lao-cai', TODAY);
    expect(resolvePolicy(registry, 'lao-cai', TODAY)).toMatchObject({
      id: 'lao-cai-demo-clock',
      version: own.version,
      legalBasis: expect.arrayContaining(own.legalBasis) as unknown,
    });
    expect(resolvePolicy(registry, 'lao-cai', '2024-03-01')).toMatchObject({ id: 'lao-cai-demo-clock', version: 1 });
    expect(findPolicy(registry, own.id, own.version)).toBe(own);
  });

  it('leaves the other provinces on their real working-day deadlines', () => {
    const registry = withDemoClock(defaultPolicies, ['ha-tinh']);
    expect(resolvePolicy(registry, 'ninh-thuan', TODAY)).toBe(resolvePolicy(defaultPolicies, 'ninh-thuan', TODAY));
    expect(resolvePolicy(registry, 'lao-cai', TODAY)).toBe(resolvePolicy(defaultPolicies, 'lao-cai', TODAY));
  });
});
