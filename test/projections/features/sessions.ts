import {
  BLOCK,
  PROVINCE,
  VOTER_UNITS,
  at,
  draftCommand,
  submitCommand,
  voteCommand,
  voterHead,
} from '@laurel/domain/testing/fixtures';
import { settle, type ProjectionWorld } from '../support';
import type { ProjectionSuiteContext } from '../projections.suite';

/** The projection suite's 'sessions' feature: the sessions read model, fed by a session's stream and its items' updates. */
export function sessions(ctx: ProjectionSuiteContext): void {
  const { world } = ctx;

  async function appendSession(w: ProjectionWorld, sessionId: string, version: number, type: string, data: object) {
    const result = await w.store.append(
      `block-session-${sessionId}`,
      [
        {
          id: crypto.randomUUID(),
          type,
          data: data as never,
          metadata: { actor: { userId: 'u-leader', role: 'block_leader' }, causationId: type, schemaVersion: 1 },
        },
      ],
      version,
    );
    // Read-your-writes on the session's own event (settle only knows the scripts' appends).
    expect(await w.runner.waitFor(result.position, 10_000)).toBe(true);
    return result;
  }

  describe('sessions', () => {
    it("counts a session's ballots and the votes its items' nominations took, and a rebuild gives the same rows", async () => {
      const w = await world();
      const ids = ['sess-a', 'sess-b'];
      const scripts = ids.map((id) => w.nomination(id));
      for (const s of scripts) await s.actAll([draftCommand(), submitCommand()]);

      const sessionId = `s-${Date.now()}`;
      await appendSession(w, sessionId, 0, 'BlockSessionOpened', {
        sessionId,
        province: PROVINCE,
        blockId: BLOCK,
        campaignYear: 2024,
        title: 'Phiên bình xét',
        memberUnitIds: VOTER_UNITS,
        items: ids.map((nominationId) => ({
          nominationId,
          proposingUnitId: 'unit-party-office',
          awardType: 'ProvincialCertificateOfMerit',
          nomineeName: 'Nguyễn Văn An',
          eligibleVoterUnitIds: VOTER_UNITS,
        })),
        policy: { id: 'national', version: 1 },
        blockVote: { quorumRatio: 2 / 3 },
        at: at(1),
        by: { userId: 'u-leader', role: 'block_leader' },
      });
      const unit = VOTER_UNITS[0]!;
      await appendSession(w, sessionId, 1, 'SessionBallotCast', {
        unitId: unit,
        choices: ids.map((nominationId) => ({ nominationId, choice: 'approve' })),
        at: at(2),
        by: voterHead(unit),
      });
      await settle(w);
      let header = (await w.runner.sessions.header('block', sessionId))!;
      expect(header).toMatchObject({ stage: 'Open', itemCount: 2, version: 2, ballots: [{ unitId: unit, items: 2 }] });
      expect(header.totals).toEqual({ votesDue: 2, votesApplied: 0, closed: 0 });

      // The session's worker applies the ballot to each item: the nomination event names the session.
      await scripts[0]!.act(voteCommand(unit, 'approve'), `session:${sessionId}:vote:${unit}`);
      // A vote cast outside the session is not the session's.
      await scripts[1]!.act(voteCommand(unit, 'approve'), `CastBlockVote:${unit}:k1`);
      await settle(w);
      header = (await w.runner.sessions.header('block', sessionId))!;
      expect(header.totals).toEqual({ votesDue: 2, votesApplied: 1, closed: 0 });
      const items = await w.runner.sessions.items(header);
      expect(items.map((i) => [i.nominationId, i.votesDue, i.votesApplied, i.status])).toEqual([
        [ids[0], 1, 1, 'voting'],
        [ids[1], 1, 0, 'voting'],
      ]);
      expect((await w.runner.sessions.items(header, { offset: 1, limit: 1 })).map((i) => i.nominationId)).toEqual([
        ids[1],
      ]);

      const before = await w.snapshot();
      await w.runner.rebuild();
      await settle(w);
      expect(await w.snapshot()).toEqual(before);
    });
  });
}
