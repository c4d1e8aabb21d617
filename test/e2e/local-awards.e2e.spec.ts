// Awards a block's Party committee defines as policy data, over real HTTP and
// Temporal: the Ninh Thuận Party agencies block's certificate for three years
// in a row rated Excellent, GET /awards, and a province that admits only
// nominees their unit registered for the title this year.
import type { z } from 'zod';
import { defaultPolicies, NT_BLOCK_EXCELLENT_YEARS_AWARD, registrationRequiredTestPolicy } from '@laurel/domain';
import type { DirectoryData } from '@laurel/infra/directory';
import { awardListSchema, type AwardListView } from '../../apps/api/src/awards/award-schemas';
import { ApiHarness, NT, draftBody, expectError } from '../support/api-harness';

const AWARD = NT_BLOCK_EXCELLENT_YEARS_AWARD;
const year = new Date().getUTCFullYear() - 1;

/** A second Ninh Thuận block, so a unit of the same province outside the defining block can propose. */
const OTHER_BLOCK = 'nt-provincial-departments';
const OTHER_OFFICER = 'nt-officer-tourism';

function withOtherBlock(data: DirectoryData): DirectoryData {
  return {
    ...data,
    blocks: [
      ...data.blocks,
      {
        id: OTHER_BLOCK,
        name: 'Khối các sở, ngành tỉnh Ninh Thuận',
        province: 'ninh-thuan',
        memberUnitIds: ['nt-tourism', 'nt-health'],
      },
    ],
    units: [
      ...data.units,
      { id: 'nt-tourism', name: 'Sở Du lịch tỉnh Ninh Thuận', province: 'ninh-thuan' },
      { id: 'nt-health', name: 'Sở Y tế tỉnh Ninh Thuận', province: 'ninh-thuan' },
    ],
    users: [
      ...data.users,
      {
        id: OTHER_OFFICER,
        username: OTHER_OFFICER,
        displayName: 'Phan Thị Yến',
        role: 'unit_officer',
        unitId: 'nt-tourism',
      },
      {
        id: 'nt-head-tourism',
        username: 'nt-head-tourism',
        displayName: 'Lê Văn Hậu',
        role: 'unit_head',
        unitId: 'nt-tourism',
      },
      {
        id: 'nt-head-health',
        username: 'nt-head-health',
        displayName: 'Đỗ Thị Lan',
        role: 'unit_head',
        unitId: 'nt-health',
      },
    ],
  };
}

/** A member rated Excellent in the given years, for the block's certificate. */
function blockAwardBody(excellentYears: readonly number[]): Record<string, unknown> {
  return draftBody({
    nominee: {
      kind: 'individual',
      name: 'Trần Văn Bình',
      personId: `person-${excellentYears.join('-')}-${Date.now()}`,
    },
    awardType: AWARD,
    campaignYear: year,
    achievements: 'Ba năm liền hoàn thành xuất sắc nhiệm vụ; tham mưu tốt công tác xây dựng Đảng.',
    record: { titles: [], ratings: excellentYears.map((y) => ({ year: y, rating: 'Excellent' })), initiatives: [] },
  });
}

function expectDescribed(schema: z.ZodType, body: unknown): void {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`does not match the schema: ${parsed.error.message}\n${JSON.stringify(body)}`);
  expect(parsed.data).toEqual(body);
}

let api: ApiHarness;

beforeAll(async () => {
  api = await ApiHarness.start(
    {},
    {
      policies: { policies: [...defaultPolicies.policies, registrationRequiredTestPolicy] },
      directory: withOtherBlock,
    },
  );
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

describe('GET /awards', () => {
  it("lists the block's certificate in Vietnamese, with who defined it, its legal basis and its rule", async () => {
    const response = await api.get(NT.officer, `/awards?province=ninh-thuan&blockId=${NT.block}`);
    expect(response.status).toBe(200);
    expectDescribed(awardListSchema, response.body);
    const list = response.body as AwardListView;
    expect(list.policy).toMatchObject({ id: 'ninh-thuan', version: 3 });
    expect(list.registrationRequired).toBe(false);
    expect(list.awards.map((a) => a.code)).toEqual([
      'ProvincialEmulationFlag',
      'ProvincialEmulationFighter',
      'ExcellentLabourCollective',
      'ProvincialCertificateOfMerit',
      AWARD,
    ]);
    expect(list.awards.find((a) => a.code === AWARD)).toEqual({
      code: AWARD,
      name: {
        vi: 'Giấy khen của Đảng ủy Khối: 3 năm liền hoàn thành xuất sắc nhiệm vụ',
        en: 'Certificate of the Block Party Committee: excellent task completion 3 years in a row',
      },
      nomineeKinds: ['individual', 'collective'],
      definedBy: { kind: 'block', blockId: NT.block, body: 'Đảng ủy Khối các cơ quan tỉnh Ninh Thuận' },
      legalBasis: expect.stringMatching(/^Quyết định số 125-QĐ\/ĐUK/),
      requiredEvidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes'],
      eligibility: {
        vi: '3 năm liên tục được đánh giá hoàn thành xuất sắc nhiệm vụ',
        en: 'rated Excellent in each of the last 3 years',
      },
    });
  });

  it('leaves it out for another block, and before the rule set that added it', async () => {
    const other = await api.get(OTHER_OFFICER, `/awards?blockId=${OTHER_BLOCK}`);
    expect(other.status).toBe(200);
    expect((other.body as AwardListView).awards.map((a) => a.code)).not.toContain(AWARD);
    const before = await api.get(NT.head, '/awards?province=ninh-thuan&at=2025-12-31');
    expect(before.status).toBe(200);
    expect((before.body as AwardListView).policy).toMatchObject({ id: 'ninh-thuan', version: 2 });
    expect((before.body as AwardListView).awards.map((a) => a.code)).not.toContain(AWARD);
  });

  it('says which province turns the registration rule on', async () => {
    const response = await api.get('ht-officer-power-company', '/awards');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ province: 'ha-tinh', registrationRequired: true });
    const award = (response.body as AwardListView).awards.find((a) => a.code === 'ProvincialCertificateOfMerit');
    expect(award?.eligibility.vi).toMatch(/đã được đơn vị đăng ký thi đua/);
  });

  it('refuses bad questions with a clear code', async () => {
    expectError(await api.get(NT.officer, '/awards?province=atlantis'), 404, 'NOT_FOUND');
    expectError(await api.get(NT.officer, '/awards?blockId=lc-front-mass-organisations'), 404, 'NOT_FOUND');
    expectError(await api.get(NT.officer, '/awards?at=2026-02-30'), 400, 'INVALID_QUERY');
    expectError(await api.get('admin', '/awards'), 400, 'PROVINCE_REQUIRED');
    expectError(await api.http().get('/awards'), 401);
  });
});

describe("the block's certificate, judged at submission", () => {
  it('passes a member rated Excellent in each of the last 3 years, under policy ninh-thuan v3', async () => {
    const drafted = await api.act(NT.officer, '/nominations', blockAwardBody([year - 2, year - 1, year]), 201);
    const submitted = await api.act(NT.head, `/nominations/${drafted.nominationId}/submit`);
    expect(submitted.stage).toBe('BlockVote');
    const stream = await api.stream(drafted.nominationId);
    const event = stream.find((e) => e.type === 'NominationSubmitted');
    expect(event?.data).toMatchObject({
      policy: { id: 'ninh-thuan', version: 3 },
      eligibility: { eligible: true, met: [`rated Excellent 3 years in a row (${year - 2}–${year})`] },
    });
    expect(stream[0]?.data).toMatchObject({ awardType: AWARD, policy: { id: 'ninh-thuan', version: 3 } });
  });

  it('runs to the chairman’s decision, every judgement recording policy ninh-thuan v3', async () => {
    const body = blockAwardBody([year - 2, year - 1, year]);
    const waiting = await api.awaitingDecision({
      nominee: body['nominee'],
      awardType: AWARD,
      record: body['record'],
    });
    const decided = await api.act(NT.chairman, `/nominations/${waiting.nominationId}/decision`, {
      outcome: 'approved',
      decisionNumber: '215/QĐ-UBND',
    });
    expect(decided).toMatchObject({ stage: 'Closed', outcome: 'Awarded' });
    const judged = (await api.stream(waiting.nominationId)).filter((e) => 'policy' in (e.data as object));
    expect(judged.map((e) => e.type)).toEqual(
      expect.arrayContaining(['NominationDrafted', 'NominationSubmitted', 'BlockVoteClosed', 'DecisionIssued']),
    );
    for (const e of judged) expect((e.data as { policy: unknown }).policy).toEqual({ id: 'ninh-thuan', version: 3 });
  });

  it('refuses a member with two such years, naming the rule and the missing year', async () => {
    const drafted = await api.act(NT.officer, '/nominations', blockAwardBody([year - 1, year]), 201);
    const before = await api.streamVersion(drafted.nominationId);
    const error = expectError(
      await api.post(NT.head, `/nominations/${drafted.nominationId}/submit`),
      400,
      'NOMINEE_INELIGIBLE',
    );
    const rule = `needs the rating Excellent in each year ${year - 2}–${year}; missing ${year - 2}`;
    expect(error.details).toMatchObject({
      awardType: AWARD,
      reasons: [rule],
      policy: { id: 'ninh-thuan', version: 3 },
    });
    expect(error.message).toContain('Giấy khen của Đảng ủy Khối');
    expect(error.message).toContain(rule);
    expect(await api.streamVersion(drafted.nominationId)).toBe(before);
    expect(await api.workflowStage(drafted.nominationId)).toBe('Draft');
  });

  it('refuses a nominee of a unit outside that block', async () => {
    const error = expectError(
      await api.post(OTHER_OFFICER, '/nominations', blockAwardBody([year - 2, year - 1, year])),
      400,
      'AWARD_OUTSIDE_BLOCK',
    );
    expect(error.details).toMatchObject({ awardType: AWARD, blockId: OTHER_BLOCK, definedBy: { blockId: NT.block } });
  });

  it('refuses a local code no rule set in effect defines, and a malformed one', async () => {
    const unknown = { ...blockAwardBody([year]), awardType: 'local/nt-party-agencies/no-such-award' };
    expectError(await api.post(NT.officer, '/nominations', unknown), 400, 'AWARD_TYPE_UNKNOWN');
    // Another province's rule set does not have the block's award at all.
    const elsewhere = await api.post(
      'lc-officer-youth-union',
      '/nominations',
      blockAwardBody([year - 2, year - 1, year]),
    );
    expectError(elsewhere, 400, 'AWARD_TYPE_UNKNOWN');
    expectError(await api.post(NT.officer, '/nominations', { ...unknown, awardType: 'local/X' }), 400, 'INVALID_BODY');
  });
});

describe('"registered for this title this year" (on in Hà Tĩnh for this test)', () => {
  const officer = 'ht-officer-power-company';
  const head = 'ht-head-power-company';

  it('refuses an unregistered nominee and saying so, then passes once the unit registers them', async () => {
    const body = draftBody();
    const nominee = body['nominee'] as { kind: string; name: string; personId: string };
    const drafted = await api.act(officer, '/nominations', body, 201);
    const error = expectError(
      await api.post(head, `/nominations/${drafted.nominationId}/submit`),
      400,
      'NOMINEE_NOT_REGISTERED',
    );
    expect(error.message).toContain('was not registered by unit ht-power-company for ProvincialCertificateOfMerit');
    expect(error.details).toMatchObject({
      campaignYear: year,
      registeredTitles: [],
      policy: { id: 'test-registration-required' },
    });

    const actions = await api.get(head, `/nominations/${drafted.nominationId}/actions`);
    expect(actions.status).toBe(200);
    expect((actions.body as { actions: { action: string; code?: string }[] }).actions).toContainEqual(
      expect.objectContaining({ action: 'SubmitNomination', allowed: false, code: 'NOMINEE_NOT_REGISTERED' }),
    );

    const registered = await api.post(officer, '/registrations', {
      year,
      entries: [
        { kind: nominee.kind, name: nominee.name, personId: nominee.personId, title: 'ProvincialCertificateOfMerit' },
      ],
    });
    expect(registered.status).toBe(201);
    const submitted = await api.act(head, `/nominations/${drafted.nominationId}/submit`);
    expect(submitted.stage).toBe('BlockVote');
    const event = (await api.stream(drafted.nominationId)).find((e) => e.type === 'NominationSubmitted');
    expect(event?.data).toMatchObject({ policy: { id: 'test-registration-required', version: 1 } });
    expect(JSON.stringify(event?.data)).toContain(
      `registered by unit ht-power-company for ProvincialCertificateOfMerit in ${year}`,
    );
  });

  it('accepts a local award code in a registration', async () => {
    const response = await api.post(NT.officer, '/registrations', {
      year,
      entries: [{ kind: 'individual', name: 'Trần Văn Bình', title: AWARD }],
    });
    expect(response.status).toBe(201);
  });
});
