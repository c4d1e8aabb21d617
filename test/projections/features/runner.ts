import {
  VOTER_UNITS,
  actors,
  at,
  draftCommand,
  opinionCommand,
  opinions,
  pathTo,
  submitCommand,
  voteCommand,
  votes,
} from '@laurel/domain/testing/fixtures';
import { comparePositions } from '@laurel/infra/event-store/port';
import { CheckpointWatcher } from '@laurel/infra/projections/checkpoint-watcher';
import type { RebuildProgress } from '@laurel/infra/projections/runner';
import { settle } from '../support';
import { countEvents, type ProjectionSuiteContext } from '../projections.suite';

/** The projection suite's 'runner' feature; run by projectionSuite (test/projections/projections.suite.ts). */
export function runner(ctx: ProjectionSuiteContext): void {
  const { world, pending, actions, byAction } = ctx;

  describe('runner', () => {
    it('waitFor is true once an append is applied, and false at its timeout for a position not yet reached', async () => {
      const w = await world();
      const n = w.nomination('wait-1');
      const appended = await n.act(draftCommand());
      expect(await w.runner.waitFor(appended.position, 5_000)).toBe(true);
      // Read-your-writes: the query right after sees the write.
      expect(actions(await pending(w, actors.head))).toEqual(['wait-1/submit']);
      expect(comparePositions(w.runner.position(), appended.position)).toBeGreaterThanOrEqual(0);

      const future = { commit: appended.position.commit + 1_000_000n, prepare: 0n };
      const started = Date.now();
      expect(await w.runner.waitFor(future, 150)).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(await w.runner.waitFor(appended.position, 0)).toBe(true);
    });

    it("waitFor on another stream's event (a campaign's, a session's) is true once the nomination events before it are applied", async () => {
      const w = await world();
      await w.nomination('wait-other-1').act(draftCommand());
      const other = await w.store.append(
        `campaign-wait-other-${Date.now()}`,
        [{ id: crypto.randomUUID(), type: 'CampaignCreated', data: { title: 'Phong trào thi đua' }, metadata: {} }],
        0,
      );
      expect(await w.runner.waitFor(other.position, 5_000)).toBe(true);
      expect(actions(await pending(w, actors.head))).toContain('wait-other-1/submit');
    });

    it('a checkpoint watcher gives read-your-writes to a process that does not run the runner', async () => {
      const w = await world();
      const watcher = await CheckpointWatcher.open({ sql: ctx.sql(), schema: w.schema, pollIntervalMs: 50 });
      try {
        const appended = await w.nomination('watch-1').act(draftCommand());
        expect(await watcher.waitFor(appended.position, 5_000)).toBe(true);
        expect(actions(await pending(w, actors.head))).toEqual(['watch-1/submit']);
        expect(comparePositions(watcher.position(), appended.position)).toBeGreaterThanOrEqual(0);
        const future = { commit: appended.position.commit + 1_000_000n, prepare: 0n };
        expect(await watcher.waitFor(future, 150)).toBe(false);
      } finally {
        await watcher.close();
      }
    });

    it('reports each applied event with its lag', async () => {
      const applied: { type: string; lagMs: number }[] = [];
      const w = await world({ onApplied: (event, lagMs) => applied.push({ type: event.type, lagMs }) });
      const n = w.nomination('lag-1');
      await n.actAll([draftCommand(), submitCommand()]);
      await settle(w);
      expect(applied.map((a) => a.type)).toEqual(['NominationDrafted', 'NominationSubmitted']);
      for (const a of applied) {
        expect(a.lagMs).toBeGreaterThanOrEqual(0);
        expect(a.lagMs).toBeLessThan(10_000);
      }
      expect(w.runner.stats()).toMatchObject({ status: 'running', appliedEvents: 2 });
    });

    it('resumes from its checkpoint after a restart without applying anything twice', async () => {
      const applied: string[] = [];
      const w = await world({ onApplied: (event) => applied.push(event.id) });
      const n = w.nomination('restart-1');
      await n.actAll([draftCommand(), submitCommand()]);
      await settle(w);
      await w.runner.stop();
      await n.actAll(votes(['approve', 'approve']));

      const again = await w.newRunner({ onApplied: (event) => applied.push(event.id) });
      await again.start();
      await settle(w, again);
      expect(applied).toHaveLength(4);
      expect(new Set(applied).size).toBe(4);
      const all = await again.taskInbox.forNomination(n.id);
      expect(byAction(all, 'vote').filter((t) => t.status === 'done')).toHaveLength(2);
      expect(byAction(all, 'vote').filter((t) => t.status === 'pending')).toHaveLength(VOTER_UNITS.length - 2);
      await again.stop();
    });

    it('applying the same events again changes nothing (checkpoint lost, per-nomination versions hold)', async () => {
      const w = await world();
      const n = w.nomination('repeat-1');
      await n.actAll([...pathTo('CouncilReview'), ...opinions(['approve', 'reject'])]);
      await settle(w);
      const before = await w.snapshot();
      await w.runner.stop();
      // Simulate a lost checkpoint: every event is delivered a second time.
      await ctx
        .sql()
        .query(`UPDATE "${w.schema}".projection_checkpoints SET position_commit = -1, position_prepare = -1`);
      const again = await w.newRunner();
      await again.start();
      await settle(w, again);
      expect(await w.snapshot()).toEqual(before);
      await again.stop();
    });

    it('two runners on one database apply every event exactly once between them', async () => {
      const applied: string[] = [];
      const w = await world({ onApplied: (event) => applied.push(event.id) });
      const second = await w.newRunner({ onApplied: (event) => applied.push(event.id) });
      await second.start();
      const scripts = ['pair-1', 'pair-2', 'pair-3'].map((id) => w.nomination(id));
      await Promise.all(scripts.map((s) => s.actAll(pathTo('CouncilReview'))));
      await settle(w);
      await settle(w, second);
      const events = await countEvents(w);
      expect(applied).toHaveLength(events);
      expect(new Set(applied).size).toBe(events);
      const snapshot = await w.snapshot();
      await w.runner.rebuild();
      expect(await w.snapshot()).toEqual(snapshot);
    });

    it('a runner elsewhere notices a rebuild (new epoch) and follows from the rebuilt checkpoint', async () => {
      const errors: unknown[] = [];
      const w = await world({ onError: (error) => errors.push(error) });
      const other = await w.newRunner();
      await other.start();
      const n = w.nomination('epoch-1');
      await n.actAll([draftCommand(), submitCommand()]);
      await settle(w);
      await settle(w, other);

      await other.rebuild();
      await n.act(voteCommand(VOTER_UNITS[0]!, 'approve'));
      await settle(w);
      await settle(w, other);
      expect(errors.some((e) => e instanceof Error && e.name === 'ProjectionEpochChangedError')).toBe(true);
      const all = await w.runner.taskInbox.forNomination(n.id);
      expect(byAction(all, 'vote').filter((t) => t.status === 'done')).toHaveLength(1);
      const snapshot = await w.snapshot();
      await w.runner.rebuild();
      expect(await w.snapshot()).toEqual(snapshot);
    });

    it('counts events it does not know without folding them, and still recognises their repeats', async () => {
      const w = await world();
      const n = w.nomination('odd-1');
      await n.act(draftCommand());
      const odd = await w.store.append(
        'nomination-odd-1',
        [{ id: 'odd-1-x', type: 'SomethingNew', data: { at: at(0.5) }, metadata: { schemaVersion: 2 } }],
        1,
      );
      expect(await w.runner.waitFor(odd.position, 5_000)).toBe(true);
      const row = await w.runner.nominations.byId(n.id);
      expect(row).toMatchObject({ stage: 'Draft', version: 2 });
      expect(row?.state.version).toBe(1);

      const before = await w.snapshot();
      await w.runner.stop();
      await ctx
        .sql()
        .query(`UPDATE "${w.schema}".projection_checkpoints SET position_commit = -1, position_prepare = -1`);
      const again = await w.newRunner();
      await again.start();
      expect(await again.waitFor(odd.position, 5_000)).toBe(true);
      expect(await w.snapshot()).toEqual(before);
    });

    it('rebuild reproduces the same rows, reports progress and keeps following', async () => {
      const w = await world();
      await w.nomination('rb-1').actAll(pathTo('Awarded'));
      await w.nomination('rb-2').actAll([...pathTo('CouncilReview'), opinionCommand(2, 'approve', 30)]);
      await w.nomination('rb-3').actAll([draftCommand(), submitCommand(), voteCommand(VOTER_UNITS[1]!, 'reject')]);
      await w.nomination('rb-4').act(draftCommand());
      await settle(w);
      const before = await w.snapshot();
      const total = await countEvents(w);

      const progress: RebuildProgress[] = [];
      const result = await w.runner.rebuild({ onProgress: (p) => progress.push(p) });
      expect(await w.snapshot()).toEqual(before);
      expect(result).toMatchObject({ events: total, nominations: 4 });
      expect(result.tasks).toBeGreaterThan(0);
      expect(progress[0]).toMatchObject({ done: 0, total });
      expect(progress[progress.length - 1]).toMatchObject({ done: total, total });
      for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);

      // Still following after the rebuild.
      const more = await w.nomination('rb-5').act(draftCommand());
      expect(await w.runner.waitFor(more.position, 5_000)).toBe(true);
      expect(await w.runner.nominations.byId('rb-5')).toMatchObject({ stage: 'Draft' });
    });

    it('a runner that lost its tables retries until they are back', async () => {
      const errors: unknown[] = [];
      const w = await world({ onError: (error) => errors.push(error) });
      await w.nomination('retry-1').act(draftCommand());
      await settle(w);
      await ctx.sql().query(`ALTER TABLE "${w.schema}".task_inbox RENAME TO task_inbox_away`);
      const appended = await w.nomination('retry-2').act(draftCommand());
      expect(await w.runner.waitFor(appended.position, 300)).toBe(false);
      expect(errors.length).toBeGreaterThan(0);
      await ctx.sql().query(`ALTER TABLE "${w.schema}".task_inbox_away RENAME TO task_inbox`);
      expect(await w.runner.waitFor(appended.position, 10_000)).toBe(true);
      expect(actions(await pending(w, actors.head))).toEqual(['retry-1/submit', 'retry-2/submit']);
    });
  });
}
