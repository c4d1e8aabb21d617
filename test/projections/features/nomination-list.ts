import type { NominationCommand } from '@laurel/domain';
import {
  BLOCK,
  PROPOSING_UNIT,
  actors,
  at,
  draftCommand,
  pathTo,
  submitCommand,
} from '@laurel/domain/testing/fixtures';
import { InvalidCursorError } from '@laurel/infra/projections/sql-text';
import { settle } from '../support';
import { type ProjectionSuiteContext } from '../projections.suite';

/** The projection suite's 'nomination list' feature; run by projectionSuite (test/projections/projections.suite.ts). */
export function nominationList(ctx: ProjectionSuiteContext): void {
  const { world, pending, actions, chairman } = ctx;

  describe('nomination list', () => {
    it('filters by stage, block, unit, year, award and outcome, and pages without gaps or repeats', async () => {
      const w = await world();
      const otherUnit = 'unit-other';
      const otherOfficer = { ...actors.officer, userId: 'u-officer-2', unitId: otherUnit, blockId: 'block-2' };
      const script: [string, NominationCommand[]][] = [
        ['list-a', [draftCommand({ at: at(0) })]],
        ['list-b', [draftCommand({ at: at(0.1) }), submitCommand({ at: at(1) })]],
        [
          'list-c',
          [
            draftCommand({
              at: at(0.2),
              actor: otherOfficer,
              proposingUnitId: otherUnit,
              blockId: 'block-2',
              nominee: { kind: 'individual', name: 'Trần Văn Bình', unitId: otherUnit },
            }),
          ],
        ],
        ['list-d', [draftCommand({ at: at(0.3), awardType: 'ProvincialEmulationFighter', campaignYear: 2023 })]],
        [
          'list-e',
          [
            draftCommand({ at: at(0.4) }),
            { type: 'WithdrawNomination', nominationId: 'x', actor: actors.head, at: at(1), reason: 'Rút' },
          ],
        ],
      ];
      for (const [id, commands] of script) await w.nomination(id).actAll(commands);
      await settle(w);
      const list = w.runner.nominations;
      const ids = async (filter: Parameters<typeof list.list>[0]) =>
        (await list.list(filter, { limit: 100 })).items.map((i) => i.nominationId);

      expect(await ids({})).toEqual(['list-e', 'list-d', 'list-c', 'list-b', 'list-a']);
      expect(await ids({ stage: 'Draft' })).toEqual(['list-d', 'list-c', 'list-a']);
      expect(await ids({ stage: 'BlockVote' })).toEqual(['list-b']);
      expect(await ids({ blockId: 'block-2' })).toEqual(['list-c']);
      expect(await ids({ unitId: PROPOSING_UNIT, stage: 'Draft' })).toEqual(['list-d', 'list-a']);
      expect(await ids({ campaignYear: 2023 })).toEqual(['list-d']);
      expect(await ids({ awardType: 'ProvincialEmulationFighter' })).toEqual(['list-d']);
      expect(await ids({ outcome: 'Withdrawn' })).toEqual(['list-e']);
      expect(await ids({ overdue: true })).toEqual([]);
      expect(await ids({ blockId: 'block-2', campaignYear: 2023 })).toEqual([]);

      const b = (await list.list({ stage: 'BlockVote' })).items[0]!;
      expect(b).toMatchObject({
        nominationId: 'list-b',
        stage: 'BlockVote',
        outcome: null,
        nomineeName: 'Nguyễn Thị Hương',
        awardType: 'ProvincialCertificateOfMerit',
        campaignYear: 2024,
        province: 'lao-cai',
        blockId: BLOCK,
        proposingUnitId: PROPOSING_UNIT,
        escalated: false,
        overdue: false,
        version: 2,
      });
      expect(b.stageDeadline).toMatch(/^2024-12-\d\dT/);

      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await list.list({}, { limit: 2, ...(after ? { after } : {}) });
        seen.push(...page.items.map((i) => i.nominationId));
        after = page.nextCursor;
        pages++;
      } while (after);
      expect(seen).toEqual(['list-e', 'list-d', 'list-c', 'list-b', 'list-a']);
      expect(pages).toBe(3);

      const detail = await list.byId('list-b');
      expect(detail?.state.stage).toBe('BlockVote');
      expect(detail?.state.version).toBe(2);
      expect(await list.byId('nope')).toBeUndefined();
      // Many at once, in one read: the ids known answer with their rows, a repeat once, the unknown not at all.
      const several = await list.byIds(['list-a', 'list-b', 'nope', 'list-a']);
      expect([...several.keys()].sort()).toEqual(['list-a', 'list-b']);
      expect(several.get('list-b')).toMatchObject({ nominationId: 'list-b', stage: 'BlockVote', version: 2 });
      expect(several.get('list-b')).not.toHaveProperty('state');
      expect((await list.byIds([])).size).toBe(0);
      await expect(list.list({}, { after: 'bad' })).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(list.list({}, { limit: 0 })).rejects.toThrow(/limit/);
    });

    it('shows an escalated decision as overdue', async () => {
      const w = await world();
      const n = w.nomination('late-1');
      await n.actAll(pathTo('ProvincialDecision'));
      const deadline = n.state.stage === 'ProvincialDecision' ? n.state.stageDeadline : '';
      await n.act({
        type: 'ReachDeadline',
        nominationId: n.id,
        actor: actors.system,
        at: new Date(Date.parse(deadline) + 1000).toISOString(),
        stage: 'ProvincialDecision',
      });
      await settle(w);
      expect(await w.runner.nominations.byId(n.id)).toMatchObject({ escalated: true, overdue: true });
      expect((await w.runner.nominations.list({ overdue: true })).items.map((i) => i.nominationId)).toEqual(['late-1']);
      // Still the chairman's to decide.
      expect(actions(await pending(w, chairman))).toEqual(['late-1/decide']);
    });
  });
}
