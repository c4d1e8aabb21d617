import type { NominationCommand, Nominee } from '@laurel/domain';
import {
  COUNCIL_SIZE,
  PROPOSING_UNIT,
  PROVINCE,
  VOTER_UNITS,
  actors,
  approveCommand,
  at,
  draftCommand,
  opinions,
  repeat,
  submitCommand,
  votes,
} from '@laurel/domain/testing/fixtures';
import type { SqlClient } from '@laurel/infra/event-store/sql/sql-client';
import { openWorld, settle, type ProjectionWorld } from './support';

/**
 * The fixed fixture, in the fixture province (Lào Cai calendar, UTC+7).
 * T0 = Mon 2024-12-02 09:00; at(h) = T0 + h hours. Every nomination is
 * drafted at T0, submitted at at(1), block-voted at at(2) (the vote closes
 * when all have voted), and given council opinions at at(30) (Tue 15:00).
 *
 *   id  kind        frontLine hardship  then                                   outcome
 *   a   individual  yes       no        approved at(60) 163/QĐ-UBND (Wed 4 Dec) Awarded
 *   b   individual  yes       yes       approved at(60) 163/QĐ-UBND            Awarded
 *   c   individual  no        no        approved at(400) 170/QĐ-UBND (Thu 19)  Awarded, decision overdue
 *   d   individual  yes       no        withdrawn at(10), in council review    Withdrawn
 *   e   individual  yes       no        rejected at(60)                        NotAwarded
 *   f   individual  yes       yes       approved at(60) 163/QĐ-UBND, revoked   Revoked
 *   g   collective  —         —         approved at(60) 163/QĐ-UBND            Awarded
 *
 * By hand:
 * - nominations 7; Awarded 4 (a, b, c, g); NotAwarded 1; Withdrawn 1; Revoked 1.
 * - individual awardees (standing awards only) a, b, c = 3; collective 1 (g).
 *   front line a, b → 2/3 = 66.7 %; hardship b → 1/3 = 33.3 % (f no longer stands).
 * - Block vote: 7 entered, each Mon 10:00 → Mon 11:00: 0 working days; median 0.
 * - Council review: 7 entered at Mon 11:00; d left at Mon 19:00 (0 days), the
 *   others at Tue 15:00 (1 day): median of [0,1,1,1,1,1,1] = 1.
 * - Decision: entered Tue 15:00 by a, b, c, e, f, g (6). At(60) = Wed 21:00 →
 *   Wed = 1 day; c at(400) = Thu 19 Dec 01:00 → Dec 4–6, 9–13, 16–19 =
 *   12 days, past its 10-day deadline (Tue 17 Dec 15:00): overdue 1/6.
 *   Median of [1,1,12,1,1,1] = 1.
 * - The public list for 2024: decision 170/QĐ-UBND of 2024-12-19 (c), then
 *   163/QĐ-UBND of 2024-12-04 (a, b, g by name); neither d, e nor f.
 */
export function statisticsSuite(
  driver: string,
  openSql: () => Promise<{ sql: SqlClient; dispose(): Promise<void> }>,
  options: { readonly describe?: jest.Describe } = {},
) {
  (options.describe ?? describe)(`statistics projection on ${driver}`, () => {
    let sql: SqlClient;
    let dispose: () => Promise<void>;
    let w: ProjectionWorld;

    beforeAll(async () => {
      ({ sql, dispose } = await openSql());
      w = await openWorld(sql);
      await feedFixture(w);
      await settle(w);
    }, 120_000);

    afterAll(async () => {
      await w?.close();
      await dispose?.();
    });

    it('counts outcomes, awardees and the front-line and hardship shares', async () => {
      const { totals } = await w.runner.statistics.report({ province: PROVINCE, campaignYear: 2024 });
      expect(totals).toEqual({
        nominations: 7,
        awarded: 4,
        notAwarded: 1,
        withdrawn: 1,
        expired: 0,
        revoked: 1,
        inProgress: 0,
        individualAwardees: 3,
        collectiveAwardees: 1,
        frontLineAwardees: 2,
        hardshipAreaAwardees: 1,
        frontLineShare: 2 / 3,
        hardshipAreaShare: 1 / 3,
      });
      expect(Math.round(totals.frontLineShare! * 1000) / 10).toBe(66.7);
    });

    it('gives median working days and the overdue share per stage', async () => {
      const { stages } = await w.runner.statistics.report({ province: PROVINCE });
      expect(stages).toEqual([
        { stage: 'BlockVote', entered: 7, completed: 7, medianWorkingDays: 0, overdue: 0, overdueShare: 0 },
        { stage: 'CouncilReview', entered: 7, completed: 7, medianWorkingDays: 1, overdue: 0, overdueShare: 0 },
        {
          stage: 'AwaitingSupplement',
          entered: 0,
          completed: 0,
          medianWorkingDays: null,
          overdue: 0,
          overdueShare: null,
        },
        {
          stage: 'ProvincialDecision',
          entered: 6,
          completed: 6,
          medianWorkingDays: 1,
          overdue: 1,
          overdueShare: 1 / 6,
        },
      ]);
    });

    it('groups by one or two dimensions, and filters', async () => {
      const byOutcome = await w.runner.statistics.report({ province: PROVINCE }, ['outcome']);
      expect(byOutcome.groups.map((g) => [g.key.outcome, g.nominations])).toEqual([
        ['Awarded', 4],
        ['NotAwarded', 1],
        ['Revoked', 1],
        ['Withdrawn', 1],
      ]);
      const byKind = await w.runner.statistics.report({ province: PROVINCE }, ['nomineeKind', 'outcome']);
      expect(byKind.groups.map((g) => [g.key.nomineeKind, g.key.outcome, g.nominations])).toEqual([
        ['collective', 'Awarded', 1],
        ['individual', 'Awarded', 3],
        ['individual', 'NotAwarded', 1],
        ['individual', 'Revoked', 1],
        ['individual', 'Withdrawn', 1],
      ]);
      const individuals = await w.runner.statistics.report({ province: PROVINCE, nomineeKind: 'individual' });
      expect(individuals.totals.nominations).toBe(6);
      const elsewhere = await w.runner.statistics.report({ province: 'ha-tinh' });
      expect(elsewhere.totals.nominations).toBe(0);
      expect(elsewhere.totals.frontLineShare).toBeNull();
    });

    it('publishes only the standing awards, by decision', async () => {
      const awards = await w.runner.publication.awards(PROVINCE, 2024);
      expect(awards.map((a) => [a.decisionNumber, a.decisionDate, a.nominationId])).toEqual([
        ['170/QĐ-UBND', '2024-12-19', 'c'],
        ['163/QĐ-UBND', '2024-12-04', 'a'],
        ['163/QĐ-UBND', '2024-12-04', 'b'],
        ['163/QĐ-UBND', '2024-12-04', 'g'],
      ]);
      expect(awards.find((a) => a.nominationId === 'a')).toMatchObject({
        name: 'Nguyễn Thị A',
        position: 'Chuyên viên',
        unitId: PROPOSING_UNIT,
        awardType: 'ProvincialCertificateOfMerit',
      });
      expect(await w.runner.publication.years(PROVINCE)).toEqual([2024]);
    });

    it('is rebuilt to the same rows', async () => {
      const before = await rows(w);
      await w.runner.rebuild();
      await settle(w);
      expect(await rows(w)).toEqual(before);
    });
  });
}

async function rows(w: ProjectionWorld): Promise<unknown[]> {
  const found = await w.sql.query<{ row: unknown }>(
    `SELECT to_jsonb(s) AS row FROM "${w.schema}".statistics s ORDER BY nomination_id`,
  );
  return found.map((r) => r.row);
}

function individual(id: string, frontLine: boolean, hardshipArea: boolean): NominationCommand {
  const nominee: Nominee = {
    kind: 'individual',
    name: `Nguyễn Thị ${id.toUpperCase()}`,
    unitId: PROPOSING_UNIT,
    personId: `p-${id}`,
    position: 'Chuyên viên',
    frontLine,
    hardshipArea,
  };
  return draftCommand({ nominee });
}

function collective(): NominationCommand {
  return draftCommand({
    nominee: { kind: 'collective', name: 'Văn phòng Tỉnh ủy', unitId: PROPOSING_UNIT },
    record: {
      titles: [],
      ratings: [
        { year: 2023, rating: 'Excellent' },
        { year: 2024, rating: 'Excellent' },
      ],
      initiatives: [],
    },
  });
}

const toCouncil: NominationCommand[] = [submitCommand(), ...votes(repeat('approve', VOTER_UNITS.length))];
const toDecision: NominationCommand[] = [...toCouncil, ...opinions(repeat('approve', COUNCIL_SIZE))];

async function feedFixture(w: ProjectionWorld): Promise<void> {
  const script: [string, NominationCommand[]][] = [
    ['a', [individual('a', true, false), ...toDecision, approveCommand(60)]],
    ['b', [individual('b', true, true), ...toDecision, approveCommand(60)]],
    ['c', [individual('c', false, false), ...toDecision, approveCommand(400, '170/QĐ-UBND')]],
    [
      'd',
      [
        individual('d', true, false),
        ...toCouncil,
        { type: 'WithdrawNomination', nominationId: 'd', actor: actors.head, at: at(10), reason: 'Rút hồ sơ' },
      ],
    ],
    [
      'e',
      [
        individual('e', true, false),
        ...toDecision,
        {
          type: 'IssueDecision',
          nominationId: 'e',
          actor: actors.chairman,
          at: at(60),
          outcome: 'rejected',
          reason: 'Chưa đủ tiêu chuẩn',
        },
      ],
    ],
    [
      'f',
      [
        individual('f', true, true),
        ...toDecision,
        approveCommand(60),
        {
          type: 'RevokeAward',
          nominationId: 'f',
          actor: actors.chairman,
          at: at(500),
          ground: 'forged_documents',
          details: 'Hồ sơ có tài liệu giả',
        },
      ],
    ],
    ['g', [collective(), ...toDecision, approveCommand(60)]],
  ];
  for (const [id, commands] of script) await w.nomination(id).actAll(commands);
}
