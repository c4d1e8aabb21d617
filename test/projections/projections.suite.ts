import type { Actor, NominationCommand } from '@laurel/domain';
import {
  BLOCK,
  PROPOSING_UNIT,
  PROVINCE,
  VOTER_UNITS,
  COUNCIL_SIZE,
  actors,
  approveCommand,
  at,
  councilMember,
  draftCommand,
  evidenceOf,
  opinionCommand,
  opinions,
  pathTo,
  repeat,
  submitCommand,
  voteCommand,
  voterHead,
  votes,
} from '@laurel/domain/testing/fixtures';
import { comparePositions, readAllInPages } from '@laurel/infra/event-store/port';
import type { SqlClient } from '@laurel/infra/event-store/sql/sql-client';
import { CheckpointWatcher } from '@laurel/infra/projections/checkpoint-watcher';
import type { RebuildProgress } from '@laurel/infra/projections/runner';
import { InvalidCursorError } from '@laurel/infra/projections/sql-text';
import type { InboxTask } from '@laurel/infra/projections/task-inbox/task-inbox';
import { openWorld, settle, type ProjectionWorld } from './support';

/**
 * The projection suite, fed by events appended through the hash-chained
 * store and run against each SQL driver. Each test opens its own schema.
 */
export function projectionSuite(
  driver: string,
  openSql: () => Promise<{ sql: SqlClient; dispose(): Promise<void> }>,
  options: { readonly describe?: jest.Describe } = {},
) {
  (options.describe ?? describe)(`projections on ${driver}`, () => {
    let sql: SqlClient;
    let dispose: () => Promise<void>;
    const worlds: ProjectionWorld[] = [];

    beforeAll(async () => {
      ({ sql, dispose } = await openSql());
    }, 60_000);

    afterAll(async () => {
      await dispose?.();
    });

    afterEach(async () => {
      while (worlds.length > 0) await worlds.pop()!.close();
    });

    async function world(options: Parameters<typeof openWorld>[1] = {}): Promise<ProjectionWorld> {
      const w = await openWorld(sql, options);
      worlds.push(w);
      return w;
    }

    // Users of the fixture province; province-wide roles see only its tasks.
    const pending = async (w: ProjectionWorld, user: Actor, province = PROVINCE): Promise<InboxTask[]> =>
      (await w.runner.taskInbox.pendingFor({ ...user, province }, { limit: 100 })).items;
    const actions = (tasks: readonly InboxTask[]): string[] => tasks.map((t) => `${t.nominationId}/${t.action}`);
    const byAction = (tasks: readonly InboxTask[], action: string): InboxTask[] =>
      tasks.filter((t) => t.action === action);

    const board = actors.board;
    const chairman = actors.chairman;
    const member = (n: number): Actor => councilMember(n);

    describe('task inbox', () => {
      it('offers the draft to the proposing unit: submit to its head, edit to its officer', async () => {
        const w = await world();
        const n = w.nomination('draft-1');
        await n.act(draftCommand());
        await settle(w);

        const headTasks = await pending(w, actors.head);
        expect(actions(headTasks)).toEqual(['draft-1/submit']);
        expect(headTasks[0]).toMatchObject({
          role: 'unit_head',
          unitId: PROPOSING_UNIT,
          blockId: null,
          stage: 'Draft',
          dueAt: null,
          status: 'pending',
          createdAt: new Date(Date.parse(draftCommand().at)).toISOString(),
          nomination: {
            nomineeName: 'Nguyễn Thị Hương',
            awardType: 'ProvincialCertificateOfMerit',
            campaignYear: 2024,
            proposingUnitId: PROPOSING_UNIT,
            blockId: BLOCK,
          },
        });
        expect(actions(await pending(w, actors.officer))).toEqual(['draft-1/edit_draft']);
        // Other units, the province and the read-only roles have nothing to do.
        expect(await pending(w, voterHead(VOTER_UNITS[0]!))).toEqual([]);
        for (const user of [board, chairman, member(1), actors.leader, actors.auditor, actors.admin]) {
          expect(await pending(w, user)).toEqual([]);
        }
        // Edits change the summary every open task shows.
        await n.act({
          type: 'EditDraft',
          nominationId: n.id,
          actor: actors.officer,
          at: at(0.5),
          changes: { nominee: { kind: 'individual', name: 'Nguyễn Thị Hường', unitId: PROPOSING_UNIT } },
        });
        await settle(w);
        expect((await pending(w, actors.head))[0]!.nomination.nomineeName).toBe('Nguyễn Thị Hường');
      });

      it('submission completes the submit task and opens one vote per eligible unit and the close for the leader', async () => {
        const w = await world();
        const n = w.nomination('vote-1');
        await n.actAll([draftCommand(), submitCommand()]);
        await settle(w);
        const deadline = n.state.stage === 'BlockVote' ? n.state.stageDeadline : '';

        expect(await pending(w, actors.head)).toEqual([]);
        const done = (await w.runner.taskInbox.doneBy(actors.head)).items;
        expect(done).toHaveLength(1);
        expect(done[0]).toMatchObject({ action: 'submit', status: 'done', completedBy: 'u-head', completedAt: at(1) });
        const all = await w.runner.taskInbox.forNomination(n.id);
        expect(byAction(all, 'edit_draft')[0]).toMatchObject({
          status: 'cancelled',
          completedBy: null,
          completedAt: at(1),
        });

        for (const unit of VOTER_UNITS) {
          const tasks = await pending(w, voterHead(unit));
          expect(tasks).toHaveLength(1);
          expect(tasks[0]).toMatchObject({
            action: 'vote',
            unitId: unit,
            blockId: BLOCK,
            dueAt: deadline,
            stage: 'BlockVote',
          });
        }
        expect(byAction(all, 'vote')).toHaveLength(VOTER_UNITS.length);
        const leaderTasks = await pending(w, actors.leader);
        expect(leaderTasks).toHaveLength(1);
        expect(leaderTasks[0]).toMatchObject({
          action: 'close_block_vote',
          blockId: BLOCK,
          unitId: null,
          dueAt: deadline,
        });
        expect(await pending(w, { ...actors.leader, userId: 'u-leader-2', blockId: 'another-block' })).toEqual([]);
      });

      it('a vote completes only that unit’s task; the leader closing early completes the close and cancels the rest', async () => {
        const w = await world();
        const n = w.nomination('vote-2');
        await n.actAll([
          draftCommand(),
          submitCommand(),
          ...votes(['approve', 'approve', 'approve', 'approve', 'approve']),
        ]);
        await settle(w);
        const [first, , , , fifth, sixth] = VOTER_UNITS as [string, string, string, string, string, string];
        expect(await pending(w, voterHead(first))).toEqual([]);
        expect(await pending(w, voterHead(fifth))).toEqual([]);
        expect(actions(await pending(w, voterHead(sixth)))).toEqual(['vote-2/vote']);
        expect((await w.runner.taskInbox.doneBy(voterHead(first))).items[0]).toMatchObject({
          action: 'vote',
          unitId: first,
          completedBy: voterHead(first).userId,
          completedAt: at(2),
        });

        await n.act({ type: 'CloseBlockVote', nominationId: n.id, actor: actors.leader, at: at(3) });
        await settle(w);
        expect(n.state.stage).toBe('CouncilReview');
        expect(await pending(w, actors.leader)).toEqual([]);
        expect(await pending(w, voterHead(sixth))).toEqual([]);
        const all = await w.runner.taskInbox.forNomination(n.id);
        expect(byAction(all, 'close_block_vote')[0]).toMatchObject({
          status: 'done',
          completedBy: 'u-leader',
          completedAt: at(3),
        });
        expect(byAction(all, 'vote').find((t) => t.unitId === sixth)).toMatchObject({
          status: 'cancelled',
          completedBy: null,
        });
        expect(byAction(all, 'vote').filter((t) => t.status === 'done')).toHaveLength(5);
        expect(actions(await pending(w, member(1)))).toEqual(['vote-2/give_opinion']);
      });

      it('when every unit has voted the block tasks close and the council review opens for members and the Board', async () => {
        const w = await world();
        const n = w.nomination('council-1');
        await n.actAll(pathTo('CouncilReview'));
        await settle(w);
        const deadline = n.state.stage === 'CouncilReview' ? n.state.stageDeadline : '';
        const all = await w.runner.taskInbox.forNomination(n.id);
        expect(byAction(all, 'close_block_vote')[0]).toMatchObject({ status: 'cancelled' });
        expect(byAction(all, 'vote').every((t) => t.status === 'done')).toBe(true);

        for (let m = 1; m <= COUNCIL_SIZE; m++) {
          const tasks = await pending(w, member(m));
          expect(tasks).toHaveLength(1);
          expect(tasks[0]).toMatchObject({
            action: 'give_opinion',
            role: 'council_member',
            unitId: null,
            blockId: null,
            dueAt: deadline,
          });
        }
        expect(actions(await pending(w, board))).toEqual([
          'council-1/close_council_review',
          'council-1/request_supplement',
        ]);
        expect(await pending(w, chairman)).toEqual([]);
      });

      it('recused council members and members from the proposing unit never see the opinion task; answered ones drop off', async () => {
        const w = await world();
        const n = w.nomination('recusal-1');
        await n.actAll([
          draftCommand(),
          submitCommand({ recusedCouncilMemberIds: ['u-council-3'] }),
          ...votes(repeat('approve', VOTER_UNITS.length)),
        ]);
        await settle(w);
        expect(await pending(w, member(3))).toEqual([]);
        expect(await pending(w, councilMember(4, PROPOSING_UNIT))).toEqual([]);
        expect(actions(await pending(w, member(1)))).toEqual(['recusal-1/give_opinion']);

        await n.act(opinionCommand(1, 'approve', 30));
        await settle(w);
        expect(await pending(w, member(1))).toEqual([]);
        expect(actions(await pending(w, member(2)))).toEqual(['recusal-1/give_opinion']);
        const done = (await w.runner.taskInbox.doneBy(member(1))).items;
        expect(done).toHaveLength(1);
        expect(done[0]).toMatchObject({
          action: 'give_opinion',
          status: 'done',
          completedBy: 'u-council-1',
          completedAt: at(30),
        });
        // The people who acted at earlier stages may not take a council task either (separation of duties).
        const headAsMember: Actor = { userId: 'u-head', role: 'council_member', unitId: 'unit-dept-9' };
        expect(await pending(w, headAsMember)).toEqual([]);
      });

      it('a supplement round trip: the Board’s request is done, the unit supplies, the review reopens without a second request', async () => {
        const w = await world();
        const n = w.nomination('supplement-1');
        await n.actAll([...pathTo('CouncilReview'), opinionCommand(1, 'approve', 30)]);
        await n.act({
          type: 'RequestSupplement',
          nominationId: n.id,
          actor: board,
          at: at(31),
          reason: 'Thiếu biên bản họp',
        });
        await settle(w);
        const due = n.state.stage === 'AwaitingSupplement' ? n.state.stageDeadline : '';

        expect(await pending(w, board)).toEqual([]);
        expect(await pending(w, member(2))).toEqual([]);
        expect((await w.runner.taskInbox.doneBy(board)).items[0]).toMatchObject({
          action: 'request_supplement',
          completedBy: 'u-board',
          completedAt: at(31),
        });
        const supply = await pending(w, actors.officer);
        expect(supply).toHaveLength(1);
        expect(supply[0]).toMatchObject({
          action: 'provide_supplement',
          unitId: PROPOSING_UNIT,
          dueAt: due,
          stage: 'AwaitingSupplement',
        });
        expect(await pending(w, actors.head)).toEqual([]);
        const firstRound = await w.runner.taskInbox.forNomination(n.id);
        expect(byAction(firstRound, 'close_council_review')[0]).toMatchObject({ status: 'cancelled' });

        await n.act({
          type: 'ProvideSupplement',
          nominationId: n.id,
          actor: actors.officer,
          at: at(32),
          evidence: [evidenceOf('other', 7)],
        });
        await settle(w);
        expect(await pending(w, actors.officer)).toEqual([]);
        expect((await w.runner.taskInbox.doneBy(actors.officer)).items[0]).toMatchObject({
          action: 'provide_supplement',
        });
        // Member 1 answered before the supplement; the answer stands.
        expect(await pending(w, member(1))).toEqual([]);
        expect(actions(await pending(w, member(2)))).toEqual(['supplement-1/give_opinion']);
        expect(actions(await pending(w, board))).toEqual(['supplement-1/close_council_review']);
        const reopened = (await pending(w, member(2)))[0]!;
        expect(reopened.dueAt).toBe(n.state.stage === 'CouncilReview' ? n.state.stageDeadline : '');
        expect(reopened.createdAt).toBe(at(32));
      });

      it('the decision is the chairman’s; issuing it closes the inbox for the nomination', async () => {
        const w = await world();
        const n = w.nomination('decision-1');
        await n.actAll(pathTo('ProvincialDecision'));
        await settle(w);
        const tasks = await pending(w, chairman);
        expect(actions(tasks)).toEqual(['decision-1/decide']);
        expect(tasks[0]!.dueAt).toBe(n.state.stage === 'ProvincialDecision' ? n.state.stageDeadline : '');
        const all = await w.runner.taskInbox.forNomination(n.id);
        // Every member answered: the shared opinion task is done, by nobody in particular.
        expect(byAction(all, 'give_opinion').find((t) => t.taskId.endsWith(':give_opinion'))).toMatchObject({
          status: 'done',
          completedBy: null,
        });
        expect(byAction(all, 'give_opinion').filter((t) => t.completedBy !== null)).toHaveLength(COUNCIL_SIZE);

        await n.act(approveCommand(60));
        await settle(w);
        expect(await pending(w, chairman)).toEqual([]);
        expect((await w.runner.taskInbox.doneBy(chairman)).items[0]).toMatchObject({
          action: 'decide',
          completedBy: 'u-chairman',
          completedAt: at(60),
        });
        expect((await w.runner.taskInbox.forNomination(n.id)).filter((t) => t.status === 'pending')).toEqual([]);
        expect(await w.runner.nominations.byId(n.id)).toMatchObject({ stage: 'Closed', outcome: 'Awarded' });
      });

      it('a hold cancels the stage’s tasks and asks the Board to release; release reopens what is still to do', async () => {
        const w = await world();
        const n = w.nomination('hold-1');
        await n.actAll([draftCommand(), submitCommand(), ...votes(['approve', 'approve'])]);
        await n.act({
          type: 'PlaceOnHold',
          nominationId: n.id,
          actor: board,
          at: at(3),
          reason: 'Đơn khiếu nại đang xử lý',
        });
        await settle(w);
        for (const unit of VOTER_UNITS) expect(await pending(w, voterHead(unit))).toEqual([]);
        expect(await pending(w, actors.leader)).toEqual([]);
        const release = await pending(w, board);
        expect(release).toHaveLength(1);
        expect(release[0]).toMatchObject({ action: 'release_hold', stage: 'OnHold', dueAt: null });

        await n.act({ type: 'ReleaseHold', nominationId: n.id, actor: board, at: at(4), reason: 'Đã giải quyết' });
        await settle(w);
        expect(await pending(w, board)).toEqual([]);
        expect((await w.runner.taskInbox.doneBy(board)).items[0]).toMatchObject({
          action: 'release_hold',
          completedBy: 'u-board',
        });
        expect(await pending(w, voterHead(VOTER_UNITS[0]!))).toEqual([]);
        for (const unit of VOTER_UNITS.slice(2)) {
          expect((await pending(w, voterHead(unit)))[0]).toMatchObject({ action: 'vote', createdAt: at(4) });
        }
        expect(actions(await pending(w, actors.leader))).toEqual(['hold-1/close_block_vote']);
        const all = await w.runner.taskInbox.forNomination(n.id);
        expect(
          all
            .filter((t) => t.status === 'cancelled')
            .map((t) => t.action)
            .sort(),
        ).toEqual(['close_block_vote', 'edit_draft', 'vote', 'vote', 'vote', 'vote']);
      });

      it('withdrawal cancels everything still pending', async () => {
        const w = await world();
        const n = w.nomination('withdraw-1');
        await n.actAll([draftCommand(), submitCommand()]);
        await n.act({
          type: 'WithdrawNomination',
          nominationId: n.id,
          actor: actors.head,
          at: at(2),
          reason: 'Rút hồ sơ',
        });
        await settle(w);
        const all = await w.runner.taskInbox.forNomination(n.id);
        expect(all.filter((t) => t.status === 'pending')).toEqual([]);
        expect(byAction(all, 'vote').every((t) => t.status === 'cancelled' && t.completedAt === at(2))).toBe(true);
        expect(await w.runner.nominations.byId(n.id)).toMatchObject({ stage: 'Closed', outcome: 'Withdrawn' });
      });

      it('lists the most urgent first and pages by cursor', async () => {
        const w = await world();
        // Submitted at different times, so their vote deadlines differ.
        for (const [id, hours] of [
          ['urgent-b', 5],
          ['urgent-a', 1],
          ['urgent-c', 3],
        ] as const) {
          await w.nomination(id).actAll([draftCommand(), submitCommand({ at: at(hours) })]);
        }
        // A draft of the voter's own unit: its submit task has no deadline.
        const voterUnit = VOTER_UNITS[0]!;
        await w.nomination('urgent-draft').act(
          draftCommand({
            actor: { ...actors.officer, userId: 'u-officer-voter', unitId: voterUnit },
            proposingUnitId: voterUnit,
            nominee: { kind: 'individual', name: 'Lê Thị Lan', unitId: voterUnit },
          }),
        );
        await settle(w);
        const voter = voterHead(voterUnit);
        const all = await pending(w, voter);
        expect(all.map((t) => t.nominationId)).toEqual(['urgent-a', 'urgent-c', 'urgent-b', 'urgent-draft']);
        const dated = all.slice(0, 3).map((t) => t.dueAt);
        expect(dated).toEqual([...dated].sort());
        expect(all[3]).toMatchObject({ action: 'submit', dueAt: null });

        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await w.runner.taskInbox.pendingFor(voter, { limit: 1, ...(after ? { after } : {}) });
          seen.push(...page.items.map((t) => t.nominationId));
          after = page.nextCursor;
        } while (after);
        expect(seen).toEqual(['urgent-a', 'urgent-c', 'urgent-b', 'urgent-draft']);
        const head = await w.runner.taskInbox.pendingFor(voter, { limit: 1 });
        await expect(w.runner.taskInbox.pendingFor(voter, { after: 'not-a-cursor' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(w.runner.taskInbox.doneBy(voter, { after: head.nextCursor ?? 'x' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      });
    });

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
        expect((await w.runner.nominations.list({ overdue: true })).items.map((i) => i.nominationId)).toEqual([
          'late-1',
        ]);
        // Still the chairman's to decide.
        expect(actions(await pending(w, chairman))).toEqual(['late-1/decide']);
      });
    });

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

      it('a checkpoint watcher gives read-your-writes to a process that does not run the runner', async () => {
        const w = await world();
        const watcher = await CheckpointWatcher.open({ sql, schema: w.schema, pollIntervalMs: 50 });
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
        await sql.query(`UPDATE "${w.schema}".projection_checkpoints SET position_commit = -1, position_prepare = -1`);
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
        await sql.query(`UPDATE "${w.schema}".projection_checkpoints SET position_commit = -1, position_prepare = -1`);
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
        for (let i = 1; i < progress.length; i++)
          expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);

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
        await sql.query(`ALTER TABLE "${w.schema}".task_inbox RENAME TO task_inbox_away`);
        const appended = await w.nomination('retry-2').act(draftCommand());
        expect(await w.runner.waitFor(appended.position, 300)).toBe(false);
        expect(errors.length).toBeGreaterThan(0);
        await sql.query(`ALTER TABLE "${w.schema}".task_inbox_away RENAME TO task_inbox`);
        expect(await w.runner.waitFor(appended.position, 10_000)).toBe(true);
        expect(actions(await pending(w, actors.head))).toEqual(['retry-1/submit', 'retry-2/submit']);
      });
    });
  });
}

async function countEvents(w: ProjectionWorld): Promise<number> {
  let count = 0;
  for await (const page of readAllInPages(w.store, { streamPrefixes: ['nomination-'] })) count += page.length;
  return count;
}
