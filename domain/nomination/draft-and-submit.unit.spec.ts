import { defaultPolicies, fastTestPolicy, resolvePolicy } from '../policy/registry';
import {
  actors,
  at,
  baseEvidence,
  draftCommand,
  evidenceOf,
  historyIn,
  NOMINATION_ID,
  policy,
  PROPOSING_UNIT,
  submitCommand,
  VOTER_UNITS,
} from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import type { EditDraft } from './commands';
import { DomainError } from './errors';
import { fold } from './evolve';
import type { Evidence, NomineeRecord } from './values';

const inDraft = () => history(policy, historyIn('Draft'));
const edit = (changes: EditDraft['changes']): EditDraft => ({
  type: 'EditDraft',
  nominationId: NOMINATION_ID,
  actor: actors.officer,
  at: at(0.5),
  changes,
});

describe('drafting', () => {
  it('normalises names and text to NFC and trims them', () => {
    const decomposed = '  Nguye\u0302\u0303n Thi\u0323 Hu\u031Bo\u031Bng  ';
    expect(decomposed.trim()).not.toBe('Nguyễn Thị Hương');
    given([], policy)
      .when(
        draftCommand({
          nominee: { kind: 'individual', name: decomposed, unitId: PROPOSING_UNIT },
          achievements: ' Hoa\u0300n tha\u0300nh xua\u0302\u0301t sa\u0306\u0301c ',
        }),
      )
      .thenMatch([
        {
          type: 'NominationDrafted',
          data: { nominee: { name: 'Nguyễn Thị Hương' }, achievements: 'Hoàn thành xuất sắc' },
        },
      ]);
  });

  it('gives the same no-double-reward key however the name was typed', () => {
    const typed = (name: string) =>
      given([], policy).when(draftCommand({ nominee: { kind: 'individual', name, unitId: PROPOSING_UNIT } })).state;
    const a = typed('Nguyễn Thị Hương');
    const b = typed('  NGUYE\u0302\u0303N  THI\u0323 HU\u031BO\u031BNG ');
    expect(a.stage !== 'Initial' && a.nomination.achievementKey).toBe(
      b.stage !== 'Initial' && b.nomination.achievementKey,
    );
  });

  it('reports every bad field at once', () => {
    const badEvidence: Evidence = { documentId: '', title: 'x', kind: 'proposal_letter', sizeBytes: 0, sha256: 'abc' };
    given([], policy)
      .when(
        draftCommand({
          nominee: { kind: 'individual', name: '   ', unitId: PROPOSING_UNIT },
          achievements: '',
          evidence: [badEvidence],
        }),
      )
      .thenError('INVALID_COMMAND', {
        problems: [
          { field: 'nominee.name' },
          { field: 'achievements' },
          { field: 'evidence[0].sha256' },
          { field: 'evidence[0].documentId' },
          { field: 'evidence[0].sizeBytes' },
        ],
      });
  });

  it('refuses an instant without a zone', () => {
    given([], policy)
      .when(draftCommand({ at: '2024-12-02T09:00:00' }))
      .thenError('INVALID_COMMAND', { problems: [{ field: 'at' }] });
  });

  it('refuses a campaign year that has not happened', () => {
    given([], policy)
      .when(draftCommand({ campaignYear: 2025 }))
      .thenError('INVALID_COMMAND', { problems: [{ field: 'campaignYear' }] });
  });

  it('refuses a document listed twice', () => {
    given([], policy)
      .when(draftCommand({ evidence: [evidenceOf('other'), evidenceOf('other')] }))
      .thenError('INVALID_COMMAND', { problems: [{ field: 'evidence' }] });
  });

  it('is for a unit officer of the proposing unit', () => {
    given([], policy)
      .when(draftCommand({ actor: { ...actors.officer, unitId: 'unit-newspaper' } }))
      .thenError('OUT_OF_SCOPE');
  });

  it('refuses an award that is not for the nominee kind', () => {
    given([], policy)
      .when(draftCommand({ awardType: 'ProvincialEmulationFlag' }))
      .thenError('AWARD_NOT_FOR_NOMINEE_KIND', { awardType: 'ProvincialEmulationFlag', nomineeKind: 'individual' });
    given([], policy)
      .when(
        draftCommand({
          awardType: 'ProvincialEmulationFighter',
          nominee: { kind: 'collective', name: 'Văn phòng Tỉnh ủy', unitId: PROPOSING_UNIT },
        }),
      )
      .thenError('AWARD_NOT_FOR_NOMINEE_KIND');
  });

  it('refuses an award the policy does not run', () => {
    const { ProvincialEmulationFlag: _flag, ...awards } = policy.awards;
    given([], { ...policy, awards })
      .when(
        draftCommand({
          awardType: 'ProvincialEmulationFlag',
          nominee: { kind: 'collective', name: 'Văn phòng Tỉnh ủy', unitId: PROPOSING_UNIT },
        }),
      )
      .thenError('AWARD_NOT_AVAILABLE');
  });

  it("refuses another province's policy, accepts the national default", () => {
    given([], fastTestPolicy).when(draftCommand()).thenError('POLICY_MISMATCH');
    const national = resolvePolicy(defaultPolicies, 'ha-giang-unknown', '2024-12-02');
    given([], national)
      .when(draftCommand())
      .thenMatch([{ type: 'NominationDrafted', data: { policy: { id: 'national-default', version: 1 } } }]);
  });

  it('refuses a second draft of the same nomination', () => {
    given(inDraft(), policy).when(draftCommand()).thenError('ALREADY_EXISTS');
  });

  it('refuses anything else before the draft exists', () => {
    given([], policy).when(submitCommand()).thenError('NOT_FOUND');
  });

  it('refuses a command for another nomination', () => {
    given(inDraft(), policy)
      .when(submitCommand({ nominationId: 'nom-other' }))
      .thenError('INVALID_COMMAND', { problems: [{ field: 'nominationId' }] });
  });

  it('refuses a command without an actor, without throwing', () => {
    const noActor = { ...submitCommand(), actor: undefined } as unknown as ReturnType<typeof submitCommand>;
    given(inDraft(), policy).when(noActor).thenError('INVALID_COMMAND');
  });
});

describe('editing the draft', () => {
  it('changes only what is given and recomputes the key', () => {
    const outcome = given(inDraft(), policy)
      .when(edit({ nominee: { kind: 'individual', name: 'Trần Văn Nam', unitId: PROPOSING_UNIT } }))
      .thenMatch([
        {
          type: 'DraftEdited',
          data: {
            changes: { nominee: { name: 'Trần Văn Nam' } },
            achievementKey: `ProvincialCertificateOfMerit|2024|individual|${PROPOSING_UNIT}|name:trần văn nam`,
          },
        },
      ]);
    expect(outcome.state).toMatchObject({
      stage: 'Draft',
      nomination: { nominee: { name: 'Trần Văn Nam' }, awardType: 'ProvincialCertificateOfMerit' },
    });
  });

  it('replaces the evidence list', () => {
    const outcome = given(inDraft(), policy)
      .when(edit({ evidence: [evidenceOf('other', 2)] }))
      .thenMatch([{ type: 'DraftEdited' }]);
    expect(outcome.state).toMatchObject({ evidence: [{ documentId: 'doc-other-2' }] });
  });

  it('refuses an empty edit', () => {
    given(inDraft(), policy).when(edit({})).thenError('INVALID_COMMAND');
  });

  it('refuses switching to an award not for the nominee kind', () => {
    given(inDraft(), policy)
      .when(edit({ awardType: 'ExcellentLabourCollective' }))
      .thenError('AWARD_NOT_FOR_NOMINEE_KIND');
  });

  it("is for the proposing unit's officers", () => {
    given(inDraft(), policy)
      .when({ ...edit({ achievements: 'x' }), actor: { ...actors.officer, unitId: 'unit-youth' } })
      .thenError('OUT_OF_SCOPE');
  });
});

describe('submission', () => {
  it('removes the proposing unit from the voters and deduplicates them', () => {
    given(inDraft(), policy)
      .when(submitCommand({ eligibleVoterUnitIds: [PROPOSING_UNIT, ...VOTER_UNITS, VOTER_UNITS[0]!] }))
      .thenMatch([{ type: 'NominationSubmitted', data: { eligibleVoterUnitIds: VOTER_UNITS } }]);
  });

  it('needs at least one voter besides the proposing unit', () => {
    given(inDraft(), policy)
      .when(submitCommand({ eligibleVoterUnitIds: [PROPOSING_UNIT] }))
      .thenError('INVALID_COMMAND', { problems: [{ field: 'eligibleVoterUnitIds' }] });
  });

  it('needs a council that can vote', () => {
    given(inDraft(), policy)
      .when(submitCommand({ councilMemberCount: 0 }))
      .thenError('INVALID_COMMAND', { problems: [{ field: 'councilMemberCount' }] });
    given(inDraft(), policy)
      .when(submitCommand({ councilMemberCount: 1, recusedCouncilMemberIds: ['u-council-1'] }))
      .thenError('INVALID_COMMAND', { problems: [{ field: 'recusedCouncilMemberIds' }] });
  });

  it("is for the proposing unit's head", () => {
    given(inDraft(), policy)
      .when(submitCommand({ actor: { ...actors.head, unitId: 'unit-youth' } }))
      .thenError('OUT_OF_SCOPE');
  });

  it('refuses an ineligible nominee with every unmet reason', () => {
    const record: NomineeRecord = {
      titles: [{ year: 2024, title: 'GrassrootsEmulationFighter' }],
      ratings: [],
      initiatives: [],
    };
    const events = history(policy, [draftCommand({ record })]);
    const { decision } = given(events, policy).when(submitCommand());
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.error).toBeInstanceOf(DomainError);
    expect(decision.error.code).toBe('NOMINEE_INELIGIBLE');
    expect(decision.error.details).toMatchObject({
      awardType: 'ProvincialCertificateOfMerit',
      legalBasis: expect.stringContaining('Điều 74'),
    });
    const reasons = decision.error.details?.['reasons'] as string[];
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('missing 2023');
    expect(reasons[0]).toContain('Excellent');
    expect(reasons[0]).toContain('2 initiatives');
    // Serialisable as it is: the API and the workflow pass it on as JSON.
    expect(JSON.parse(JSON.stringify(decision.error))).toMatchObject({
      code: 'NOMINEE_INELIGIBLE',
      details: { reasons },
    });
  });

  it('refuses a dossier that lacks a required document, naming it', () => {
    const events = history(policy, [
      draftCommand({ evidence: baseEvidence.filter((e) => e.kind !== 'unit_council_minutes') }),
    ]);
    given(events, policy)
      .when(submitCommand())
      .thenError('EVIDENCE_MISSING', { missing: ['unit_council_minutes'] });
  });

  it('judges eligibility under the policy it is given and records it', () => {
    const v2 = resolvePolicy(defaultPolicies, 'lao-cai', '2025-07-01');
    const events = history(v2, [draftCommand({ at: '2025-07-02T09:00:00+07:00' })]);
    const outcome = given(events, v2)
      .when(submitCommand({ at: '2025-07-02T10:00:00+07:00' }))
      .thenMatch([{ type: 'NominationSubmitted', data: { policy: { id: 'lao-cai', version: 2 } } }]);
    // v2 gives the merged province's blocks 15 working days.
    expect(fold(events.concat(outcome.events()))).toMatchObject({
      stage: 'BlockVote',
      stageDeadline: '2025-07-23T03:00:00.000Z',
      nomination: { policy: { id: 'lao-cai', version: 2 } },
    });
  });
});
