import type { Actor } from '@laurel/domain';
import {
  BLOCK,
  PROPOSING_UNIT,
  VOTER_UNITS,
  COUNCIL_SIZE,
  actors,
  approveCommand,
  at,
  councilMember,
  draftCommand,
  evidenceOf,
  opinionCommand,
  pathTo,
  repeat,
  submitCommand,
  voterHead,
  votes,
} from '@laurel/domain/testing/fixtures';
import { InvalidCursorError } from '@laurel/infra/projections/sql-text';
import { settle } from '../support';
import { type ProjectionSuiteContext } from '../projections.suite';

/** The projection suite's 'task inbox' feature; run by projectionSuite (test/projections/projections.suite.ts). */
export function taskInbox(ctx: ProjectionSuiteContext): void {
  const { world, pending, actions, byAction, board, chairman, member } = ctx;

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
}
