import { createHash } from 'node:crypto';
import type { ActionResult } from '../../apps/api-client/src/contract';
import { ApiRequestError } from '../../apps/api-client/src/http-client';
import type { DemoUsers } from './users';

/**
 * The year's work in lists, on the Ninh Thuận Party agencies block: three
 * proposals voted in one block session (two units proposed for the flag, the
 * second refused by the one-leading-unit limit), the passing ones reviewed in
 * one council session, and one decision of the Chairman with its list. Fixed
 * ids and idempotency keys: a second run finds everything there.
 */

interface Proposal {
  readonly key: string;
  readonly officer: string;
  readonly head: string;
  readonly unitId: string;
  readonly name: string;
  readonly awardType: 'ProvincialEmulationFlag' | 'ProvincialCertificateOfMerit';
}

const PROPOSALS: readonly Proposal[] = [
  {
    key: 'flag-propaganda',
    officer: 'nt-officer-propaganda',
    head: 'nt-head-propaganda',
    unitId: 'nt-propaganda',
    name: 'Ban Tuyên giáo Tỉnh ủy Ninh Thuận',
    awardType: 'ProvincialEmulationFlag',
  },
  {
    key: 'flag-newspaper',
    officer: 'nt-officer-newspaper',
    head: 'nt-head-newspaper',
    unitId: 'nt-newspaper',
    name: 'Báo Ninh Thuận — Phòng Thời sự',
    awardType: 'ProvincialEmulationFlag',
  },
  {
    key: 'merit-inspection',
    officer: 'nt-officer-inspection',
    head: 'nt-head-inspection',
    unitId: 'nt-inspection',
    name: 'Phòng Nghiệp vụ 1, Ủy ban Kiểm tra Tỉnh ủy',
    awardType: 'ProvincialCertificateOfMerit',
  },
];

const HEADS: Record<string, string> = {
  'nt-party-office': 'nt-head-party-office',
  'nt-propaganda': 'nt-head-propaganda',
  'nt-inspection': 'nt-head-inspection',
  'nt-organisation': 'nt-head-organisation',
  'nt-mass-mobilisation': 'nt-head-mass-mobilisation',
  'nt-newspaper': 'nt-head-newspaper',
  'nt-internal-affairs': 'nt-head-internal-affairs',
  'nt-political-school': 'nt-head-political-school',
};

const COUNCIL = [
  'nt-council-home-affairs',
  'nt-council-ppc-office',
  'nt-council-finance',
  'nt-council-labour',
  'nt-council-front',
];

function doc(kind: string, i: number, key: string) {
  const sha256 = createHash('sha256').update(`${key}:${kind}`).digest('hex');
  return { documentId: `demo-${key}-${kind}`, title: `Hồ sơ ${i + 1}`, kind, sizeBytes: 4096 + i, sha256 };
}

function draft(p: Proposal, year: number): Record<string, unknown> {
  const flag = p.awardType === 'ProvincialEmulationFlag';
  const kinds = ['proposal_letter', 'achievement_report', 'unit_council_minutes', ...(flag ? ['prior_decision'] : [])];
  return {
    nominee: { kind: 'collective', name: p.name, unitId: p.unitId },
    awardType: p.awardType,
    campaignYear: year,
    achievements: 'Hoàn thành xuất sắc nhiệm vụ năm; nhiều mô hình mới được nhân rộng trong khối.',
    record: {
      titles: flag ? [{ year, title: 'ExcellentLabourCollective' }] : [],
      ratings: [
        { year: year - 1, rating: 'Excellent' },
        { year, rating: 'Excellent' },
      ],
      initiatives: [],
      ...(flag ? { flags: { exceededTargets: true, exemplary: true, newModels: true } } : {}),
    },
    evidence: kinds.map((kind, i) => doc(kind, i, p.key)),
  };
}

async function exists(http: DemoUsers, user: string, path: string): Promise<boolean> {
  try {
    await http.get(user, path);
    return true;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return false;
    throw error;
  }
}

async function until<T extends { progress: { finished: boolean } }>(read: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const view = await read();
    if (view.progress.finished || Date.now() > deadline) return view;
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function loadDemoLists(http: DemoUsers, year: number, log: (line: string) => void): Promise<void> {
  const ids: string[] = [];
  for (const p of PROPOSALS) {
    const drafted = await http.post<ActionResult>(
      p.officer,
      '/nominations',
      draft(p, year),
      `demo-lists-${year}-${p.key}`,
    );
    ids.push(drafted.nominationId);
    if (drafted.stage === 'Draft')
      await http.post(
        p.head,
        `/nominations/${drafted.nominationId}/submit`,
        undefined,
        `demo-lists-${year}-${p.key}-submit`,
      );
  }
  const blockSession = `demo-nt-party-agencies-${year}`;
  if (!(await exists(http, 'nt-leader-party-agencies', `/block-sessions/${blockSession}`))) {
    await http.post('nt-leader-party-agencies', '/block-sessions', {
      sessionId: blockSession,
      title: `Hội nghị tổng kết công tác thi đua Khối các cơ quan Đảng tỉnh năm ${year}`,
      nominationIds: ids,
    });
  }
  for (const [unitId, head] of Object.entries(HEADS)) {
    const choices = ids
      .filter((_, i) => PROPOSALS[i]!.unitId !== unitId)
      .map((nominationId) => ({ nominationId, choice: 'approve' }));
    await http.post(head, `/block-sessions/${blockSession}/ballots`, { choices }).catch((error: unknown) => {
      // Ran before: the unit's ballot is there, or the session has closed.
      if (!(error instanceof ApiRequestError && error.status === 409)) throw error;
    });
  }
  await http
    .post('nt-leader-party-agencies', `/block-sessions/${blockSession}/close`, undefined)
    .catch((error: unknown) => {
      if (!(error instanceof ApiRequestError && error.status === 409)) throw error;
    });
  const block = await until(() =>
    http.get<{ progress: { finished: boolean }; items: { nominationId: string; stage?: string; outcome?: string }[] }>(
      'nt-leader-party-agencies',
      `/block-sessions/${blockSession}`,
    ),
  );
  log(`block session ${blockSession}: ${block.items.map((i) => i.outcome ?? i.stage ?? '…').join(', ')}`);

  const passed = block.items
    .filter((i) => i.stage === 'CouncilReview' || i.stage === 'ProvincialDecision' || i.outcome === 'Awarded')
    .map((i) => i.nominationId);
  const councilSession = `demo-nt-council-${year}`;
  if (passed.length > 0 && !(await exists(http, 'nt-board-officer', `/council-sessions/${councilSession}`))) {
    await http.post('nt-board-officer', '/council-sessions', {
      sessionId: councilSession,
      title: `Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh, xét khen thưởng năm ${year}`,
      nominationIds: passed,
    });
    for (const member of COUNCIL) {
      await http.post(member, `/council-sessions/${councilSession}/ballots`, {
        choices: passed.map((nominationId) => ({ nominationId, recommendation: 'approve' })),
      });
    }
    await http.post('nt-board-officer', `/council-sessions/${councilSession}/close`, undefined);
    await until(() =>
      http.get<{ progress: { finished: boolean } }>('nt-board-officer', `/council-sessions/${councilSession}`),
    );
  }
  log(`council session ${councilSession}: ${passed.length} items`);

  const decisionListId = `demo-nt-163-${year}`;
  if (passed.length > 0) {
    await http.post('nt-chairman', '/decision-lists', {
      decisionListId,
      decisionNumber: '163/QĐ-UBND',
      items: passed.map((nominationId) => ({ nominationId, outcome: 'approved' })),
    });
    const list = await until(() =>
      http.get<{ progress: { finished: boolean }; items: { result?: string }[] }>(
        'nt-chairman',
        `/decision-lists/${decisionListId}`,
      ),
    );
    log(`decision 163/QĐ-UBND (${decisionListId}): ${list.items.map((i) => i.result ?? '…').join(', ')}`);
  }
}
