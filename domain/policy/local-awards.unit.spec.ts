// Awards a province or a block's Party committee defines as policy data, and
// the "registered for this title this year" rule, as the decider judges them.
import { actors, baseEvidence, draftCommand, submitCommand, T0 } from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import { registrationOf, type TitlesRegistered } from '../registration/registration';
import {
  isAwardType,
  isLocalAwardType,
  type Actor,
  type LocalAwardType,
  type NomineeRecord,
} from '../nomination/values';
import { awardNameIn, awardsInEffect, describeRule, eligibilitySummary } from './awards';
import type { PolicySet } from './policy-set';
import {
  defaultPolicies,
  NT_BLOCK_EXCELLENT_YEARS_AWARD,
  registrationRequiredTestPolicy,
  resolvePolicy,
} from './registry';

const NT_BLOCK = 'nt-party-agencies';
const NT_UNIT = 'nt-party-office';
const AWARD: LocalAwardType = NT_BLOCK_EXCELLENT_YEARS_AWARD;
/** The block's award is in the rules from 2026 on; the campaign year is 2025. */
const SUBMITTED_AT = '2026-01-15T09:00:00+07:00';
const ntPolicy = resolvePolicy(defaultPolicies, 'ninh-thuan', '2026-01-15');

const ntOfficer: Actor = { ...actors.officer, unitId: NT_UNIT, blockId: NT_BLOCK };
const ntHead: Actor = { ...actors.head, unitId: NT_UNIT, blockId: NT_BLOCK };

function excellentIn(...years: number[]): NomineeRecord {
  return { titles: [], ratings: years.map((year) => ({ year, rating: 'Excellent' as const })), initiatives: [] };
}

function ntDraft(record: NomineeRecord, blockId = NT_BLOCK) {
  return draftCommand({
    actor: { ...ntOfficer, blockId },
    at: SUBMITTED_AT,
    province: 'ninh-thuan',
    proposingUnitId: NT_UNIT,
    blockId,
    nominee: { kind: 'individual', name: 'Trần Văn Bình', unitId: NT_UNIT, personId: 'p-nt-7' },
    awardType: AWARD,
    campaignYear: 2025,
    record,
  });
}

const ntSubmit = (overrides = {}) =>
  submitCommand({
    actor: ntHead,
    at: '2026-01-15T10:00:00+07:00',
    eligibleVoterUnitIds: ['nt-propaganda'],
    ...overrides,
  });

describe('award codes', () => {
  it('keeps the national codes and takes local ones by their shape', () => {
    expect(isAwardType('ProvincialCertificateOfMerit')).toBe(true);
    expect(isLocalAwardType(AWARD)).toBe(true);
    for (const bad of [
      'local/',
      'local/x',
      'local/Block/Award',
      'local/a.b/c',
      'Medal',
      `local/a/${'x'.repeat(130)}`,
    ]) {
      expect(isAwardType(bad)).toBe(false);
    }
  });
});

describe("the Party agencies block's own certificate (policy data)", () => {
  it('arrives with version 3 of the province rules on 2026-01-01, not before', () => {
    const before = resolvePolicy(defaultPolicies, 'ninh-thuan', '2025-12-31');
    expect(before.awards[AWARD]).toBeUndefined();
    expect({ id: ntPolicy.id, version: ntPolicy.version, effectiveFrom: ntPolicy.effectiveFrom }).toEqual({
      id: 'ninh-thuan',
      version: 3,
      effectiveFrom: '2026-01-01',
    });
    const rule = ntPolicy.awards[AWARD]!;
    expect(rule.definedBy).toEqual({
      kind: 'block',
      blockId: NT_BLOCK,
      body: 'Đảng ủy Khối các cơ quan tỉnh Ninh Thuận',
    });
    expect(rule.legalBasis).toMatch(/QĐ\/ĐUK/);
    expect(rule.eligibility).toEqual({ kind: 'consecutiveRatings', rating: 'Excellent', count: 3 });
    // The national awards are all still there, under their codes.
    expect(awardsInEffect(ntPolicy).map((a) => a.code)).toEqual([
      'ProvincialEmulationFlag',
      'ProvincialEmulationFighter',
      'ExcellentLabourCollective',
      'ProvincialCertificateOfMerit',
      AWARD,
    ]);
  });

  it('is listed for its own block only', () => {
    expect(awardsInEffect(ntPolicy, NT_BLOCK).map((a) => a.code)).toContain(AWARD);
    expect(awardsInEffect(ntPolicy, 'nt-other-block').map((a) => a.code)).not.toContain(AWARD);
  });

  it('names itself and its rule in Vietnamese and English', () => {
    const award = awardsInEffect(ntPolicy, NT_BLOCK).find((a) => a.code === AWARD)!;
    expect(award.name.vi).toMatch(/^Giấy khen của Đảng ủy Khối/);
    expect(eligibilitySummary(award, ntPolicy)).toEqual({
      vi: '3 năm liên tục được đánh giá hoàn thành xuất sắc nhiệm vụ',
      en: 'rated Excellent in each of the last 3 years',
    });
    expect(awardNameIn(defaultPolicies, AWARD).vi).toBe(award.name.vi);
    expect(awardNameIn(defaultPolicies, 'local/nowhere/none').vi).toBe('local/nowhere/none');
    // Every part in the reader's language: no code of a title, scope or condition shows through.
    const national = resolvePolicy(defaultPolicies, 'default', '2026-01-01').awards;
    expect(describeRule(national.ProvincialEmulationFighter!.eligibility)).toEqual({
      vi: '(3 năm liên tục đạt Chiến sĩ thi đua cơ sở; và 1 sáng kiến phạm vi từ cấp tỉnh trở lên trong 3 năm)',
      en: '(Grassroots Emulation Fighter 3 years in a row; and 1 initiative(s) of at least province scope within 3 years)',
    });
    for (const code of Object.keys(national) as (keyof typeof national)[]) {
      const text = describeRule(national[code]!.eligibility).vi;
      expect(text).not.toMatch(/[a-z][A-Z]|\b(unit|sector|province|national|completedTasks|advancedWorkers)\b/);
    }
  });
});

describe('judging a block award', () => {
  it('passes a member rated Excellent in each of the last 3 years, and records policy ninh-thuan v3', () => {
    const drafted = history(ntPolicy, [ntDraft(excellentIn(2023, 2024, 2025))]);
    expect(drafted[0]).toMatchObject({ data: { awardType: AWARD, policy: { id: 'ninh-thuan', version: 3 } } });
    given(drafted, ntPolicy)
      .when(ntSubmit())
      .thenMatch([
        {
          type: 'NominationSubmitted',
          data: {
            policy: { id: 'ninh-thuan', version: 3 },
            eligibility: { eligible: true, met: ['rated Excellent 3 years in a row (2023–2025)'] },
          },
        },
      ]);
  });

  it('refuses at submission a member with two such years, naming the rule and the missing year', () => {
    const outcome = given(history(ntPolicy, [ntDraft(excellentIn(2024, 2025))]), ntPolicy)
      .when(ntSubmit())
      .thenError('NOMINEE_INELIGIBLE', {
        awardType: AWARD,
        reasons: ['needs the rating Excellent in each year 2023–2025; missing 2023'],
        policy: { id: 'ninh-thuan', version: 3 },
      });
    expect(!outcome.decision.ok && outcome.decision.error.message).toMatch(/Giấy khen.*missing 2023/);
  });

  it('refuses a nominee of a unit outside the defining block, before anything is drafted', () => {
    given([], ntPolicy)
      .when(ntDraft(excellentIn(2023, 2024, 2025), 'nt-other-block'))
      .thenError('AWARD_OUTSIDE_BLOCK', {
        awardType: AWARD,
        blockId: 'nt-other-block',
        definedBy: { blockId: NT_BLOCK },
      });
  });

  it('refuses a local code the policy in effect does not define', () => {
    given([], ntPolicy)
      .when(draftCommand({ ...ntDraft(excellentIn(2025)), awardType: 'local/nt-party-agencies/unknown' }))
      .thenError('AWARD_TYPE_UNKNOWN', { awardType: 'local/nt-party-agencies/unknown' });
    const before2026 = resolvePolicy(defaultPolicies, 'ninh-thuan', '2025-12-31');
    given([], before2026)
      .when({ ...ntDraft(excellentIn(2023, 2024, 2025)), at: '2025-12-31T09:00:00+07:00' })
      .thenError('AWARD_TYPE_UNKNOWN', { policy: { id: 'ninh-thuan', version: 2 } });
  });
});

describe('"registered for this title this year"', () => {
  const policy: PolicySet = { ...registrationRequiredTestPolicy, province: 'lao-cai' };
  const drafted = () => history(policy, [draftCommand({ at: SUBMITTED_AT, evidence: baseEvidence })]);
  const nominee = { kind: 'individual' as const, name: 'Nguyễn Thị Hương', personId: 'p-0042' };
  const registered = (title: string, personId?: string): TitlesRegistered => ({
    unitId: 'unit-party-office',
    year: 2024,
    entries: [
      {
        kind: 'individual',
        name: ' nguyễn thị hương ',
        title: title as 'AdvancedWorker',
        ...(personId ? { personId } : {}),
      },
    ],
    at: T0,
    by: { userId: 'u-officer', role: 'unit_officer' },
  });
  const at = '2026-01-15T10:00:00+07:00';

  it('is off unless a policy turns it on', () => {
    expect(defaultPolicies.policies.every((p) => p.registrationRequired !== true)).toBe(true);
  });

  it('refuses a nominee the unit did not register for this award this year, and says so', () => {
    const outcome = given(drafted(), policy).when(submitCommand({ at })).thenError('NOMINEE_NOT_REGISTERED', {
      awardType: 'ProvincialCertificateOfMerit',
      campaignYear: 2024,
      unitId: 'unit-party-office',
    });
    expect(!outcome.decision.ok && outcome.decision.error.message).toMatch(/not registered .*\(đăng ký thi đua\)/);
    const otherTitle = registrationOf([registered('AdvancedWorker')], 'unit-party-office', nominee, 2024);
    given(drafted(), policy)
      .when(submitCommand({ at, registration: otherTitle }))
      .thenError('NOMINEE_NOT_REGISTERED', { registeredTitles: ['AdvancedWorker'] });
  });

  it('passes a registered nominee and keeps the registration among the conditions met', () => {
    const registration = registrationOf(
      [registered('ProvincialCertificateOfMerit')],
      'unit-party-office',
      nominee,
      2024,
    );
    expect(registration.titles).toEqual(['ProvincialCertificateOfMerit']);
    given(drafted(), policy)
      .when(submitCommand({ at, registration }))
      .thenMatch([
        {
          type: 'NominationSubmitted',
          data: {
            eligibility: {
              met: [
                '2 consecutive GrassrootsEmulationFighter titles (2023–2024)',
                'registered by unit unit-party-office for ProvincialCertificateOfMerit in 2024',
              ],
            },
          },
        },
      ]);
  });

  it('matches a registration by directory id when both have one, else by name', () => {
    const byOtherId = registrationOf([registered('AdvancedWorker', 'p-9999')], 'unit-party-office', nominee, 2024);
    expect(byOtherId.titles).toEqual([]);
    const sameId = registrationOf([registered('AdvancedWorker', 'p-0042')], 'unit-party-office', nominee, 2024);
    expect(sameId.titles).toEqual(['AdvancedWorker']);
    expect(registrationOf([registered('AdvancedWorker')], 'unit-party-office', nominee, 2025).titles).toEqual([]);
  });
});
