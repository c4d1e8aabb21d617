import {
  decideCampaign,
  foldCampaign,
  initialCampaignState,
  nextCampaignTimer,
  quotaUsage,
  type CampaignCommand,
  type CampaignDefinition,
  type CampaignEvent,
} from './campaign';

const board = { userId: 'nt-board-officer', role: 'board_officer' as const };
const officer = { userId: 'nt-officer-party-office', role: 'unit_officer' as const, unitId: 'nt-party-office' };
const definition: CampaignDefinition = {
  campaignId: 'ninh-thuan-2025-a1',
  province: 'ninh-thuan',
  title: 'Phong trào thi đua năm 2025',
  kind: 'yearly',
  fromYear: 2025,
  toYear: 2025,
  criteria: ['Hoàn thành xuất sắc nhiệm vụ'],
  plannedAwards: [{ awardType: 'ProvincialCertificateOfMerit', quota: 2 }, { awardType: 'ProvincialEmulationFighter' }],
  intakeOpensAt: '2025-11-01T00:00:00+07:00',
  intakeClosesAt: '2025-12-31T17:00:00+07:00',
};

/** Given events, when a command: the events it decides, or its refusal. */
function given(...events: CampaignEvent[]) {
  const state = foldCampaign(events);
  return {
    state,
    when(command: CampaignCommand) {
      return decideCampaign(state, command);
    },
  };
}

function opened(): CampaignEvent[] {
  const created = decideCampaign(initialCampaignState, {
    type: 'CreateCampaign',
    definition,
    actor: board,
    at: '2025-10-20T09:00:00+07:00',
  });
  if (!created.ok) throw new Error(created.error.message);
  const afterCreate = foldCampaign(created.events);
  const open = decideCampaign(afterCreate, { type: 'OpenCampaign', actor: board, at: '2025-11-02T09:00:00+07:00' });
  if (!open.ok) throw new Error(open.error.message);
  return [...created.events, ...open.events];
}

const entry = (n: number, awardType = 'ProvincialCertificateOfMerit') => ({
  nominationId: `n-${n}`,
  awardType,
  campaignYear: 2025,
  province: 'ninh-thuan',
  unitId: 'nt-party-office',
});

describe('campaign decider', () => {
  it('creates a planned campaign and opens its intake when opened inside its window', () => {
    const events = opened();
    expect(events.map((e) => e.type)).toEqual(['CampaignCreated', 'CampaignOpened', 'IntakeOpened']);
    const state = foldCampaign(events);
    expect(state.stage).toBe('Open');
    expect(nextCampaignTimer(state)).toEqual({ kind: 'ReachIntakeClosing', at: definition.intakeClosesAt });
  });

  it('refuses a definition with every problem named', () => {
    const decision = decideCampaign(initialCampaignState, {
      type: 'CreateCampaign',
      definition: { ...definition, toYear: 2024, intakeClosesAt: '2025-10-01T00:00:00+07:00', plannedAwards: [] },
      actor: board,
      at: '2025-10-20T09:00:00+07:00',
    });
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.error.code).toBe('INVALID_COMMAND');
    const fields = (decision.error.details?.['problems'] as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['toYear', 'intakeClosesAt', 'plannedAwards']));
  });

  it('refuses a unit officer creating a campaign', () => {
    const decision = decideCampaign(initialCampaignState, {
      type: 'CreateCampaign',
      definition,
      actor: officer,
      at: '2025-10-20T09:00:00+07:00',
    });
    expect(decision).toMatchObject({ ok: false, error: { code: 'ROLE_NOT_ALLOWED' } });
  });

  it('admits up to the quota and refuses the third with the reason; a repeat admits nothing new', () => {
    let events = opened();
    for (const n of [1, 2]) {
      const decision = given(...events).when({
        type: 'AdmitNomination',
        entry: entry(n),
        actor: officer,
        at: '2025-11-10T09:00:00+07:00',
      });
      expect(decision.ok).toBe(true);
      if (decision.ok) events = [...events, ...decision.events];
    }
    const third = given(...events).when({
      type: 'AdmitNomination',
      entry: entry(3),
      actor: officer,
      at: '2025-11-10T09:00:00+07:00',
    });
    expect(third).toMatchObject({
      ok: false,
      error: { code: 'QUOTA_EXCEEDED', details: { quota: 2, admitted: 2, awardType: 'ProvincialCertificateOfMerit' } },
    });
    const again = given(...events).when({
      type: 'AdmitNomination',
      entry: entry(1),
      actor: officer,
      at: '2025-11-10T09:00:00+07:00',
    });
    expect(again).toEqual({ ok: true, events: [] });
    // No quota on the fighter award.
    const fighter = given(...events).when({
      type: 'AdmitNomination',
      entry: entry(4, 'ProvincialEmulationFighter'),
      actor: officer,
      at: '2025-11-10T09:00:00+07:00',
    });
    expect(fighter.ok).toBe(true);
    expect(quotaUsage(foldCampaign(events))).toEqual([
      { awardType: 'ProvincialCertificateOfMerit', quota: 2, admitted: 2, left: 0 },
      { awardType: 'ProvincialEmulationFighter', admitted: 0 },
    ]);
  });

  it('gives a released place back to the quota', () => {
    let events = opened();
    for (const n of [1, 2]) {
      const d = decideCampaign(foldCampaign(events), {
        type: 'AdmitNomination',
        entry: entry(n),
        actor: officer,
        at: '2025-11-10T09:00:00+07:00',
      });
      if (d.ok) events = [...events, ...d.events];
    }
    const released = decideCampaign(foldCampaign(events), {
      type: 'ReleaseNomination',
      nominationId: 'n-1',
      reason: 'withdrawn',
      actor: officer,
      at: '2025-11-11T09:00:00+07:00',
    });
    expect(released.ok).toBe(true);
    if (released.ok) events = [...events, ...released.events];
    expect(
      decideCampaign(foldCampaign(events), {
        type: 'AdmitNomination',
        entry: entry(3),
        actor: officer,
        at: '2025-11-11T10:00:00+07:00',
      }).ok,
    ).toBe(true);
  });

  it('refuses outside the window, after the intake closed, for another year or an award not planned', () => {
    const events = opened();
    const at = (when: string, e = entry(9)) =>
      given(...events).when({ type: 'AdmitNomination', entry: e, actor: officer, at: when });
    expect(at('2025-10-31T09:00:00+07:00')).toMatchObject({ ok: false, error: { code: 'INTAKE_NOT_STARTED' } });
    expect(at('2026-01-02T09:00:00+07:00')).toMatchObject({ ok: false, error: { code: 'INTAKE_CLOSED' } });
    expect(at('2025-11-10T09:00:00+07:00', { ...entry(9), campaignYear: 2024 })).toMatchObject({
      ok: false,
      error: { code: 'YEAR_OUTSIDE_CAMPAIGN' },
    });
    expect(at('2025-11-10T09:00:00+07:00', entry(9, 'ProvincialEmulationFlag'))).toMatchObject({
      ok: false,
      error: { code: 'AWARD_NOT_PLANNED' },
    });
    const closing = given(...events).when({
      type: 'ReachIntakeClosing',
      actor: { userId: 'system', role: 'system' },
      at: definition.intakeClosesAt,
    });
    expect(closing.ok && closing.events.map((e) => e.type)).toEqual(['IntakeClosed']);
    if (!closing.ok) return;
    const late = given(...events, ...closing.events).when({
      type: 'AdmitNomination',
      entry: entry(9),
      actor: officer,
      at: '2025-12-01T09:00:00+07:00',
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'INTAKE_CLOSED' } });
  });

  it('does not close the intake before its time, and closes the campaign once', () => {
    const events = opened();
    expect(
      given(...events).when({
        type: 'ReachIntakeClosing',
        actor: { userId: 'system', role: 'system' },
        at: '2025-12-01T00:00:00Z',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_DUE_YET' } });
    const closed = given(...events).when({ type: 'CloseCampaign', actor: board, at: '2025-12-01T00:00:00Z' });
    expect(closed.ok).toBe(true);
    if (!closed.ok) return;
    expect(
      given(...events, ...closed.events).when({ type: 'CloseCampaign', actor: board, at: '2025-12-02T00:00:00Z' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STAGE' },
    });
    expect(nextCampaignTimer(foldCampaign([...events, ...closed.events]))).toBeUndefined();
  });
});
