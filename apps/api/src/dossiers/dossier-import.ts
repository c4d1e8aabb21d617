// The checks and ids of a list import, apart from any I/O: the same file must give the same dossier and the
// same nomination ids on every import (that is how an import resumes), and every bad row is named at once.
import { v5 as uuidv5 } from 'uuid';
import { decide, initialState, type Actor, type PolicySet } from '@laurel/domain';
import { admissionRefusal, type CampaignState } from '@laurel/domain/campaign/campaign';
import type { DossierItem, DossierRowProblem } from '@laurel/domain/dossier/rows';
import { ApiError } from '../common/api-error';
import { apiErrorFromDomain } from '../nominations/domain-errors';
import type { ImportDossierRequest } from './dossier-schemas';

const DOSSIER_NAMESPACE = '5f1d2c3b-8a47-5e69-b0c1-d2e3f4a5b6c7';
const DOSSIER_ITEM_NAMESPACE = 'c3e1a9b2-7d45-5f08-a6b3-1e2d4c5f6a7b';

/** The same file for the same campaign from the same unit is the same dossier: importing it again resumes it. */
export function dossierIdOf(unitId: string, campaignId: string, sha256: string): string {
  return uuidv5(`${unitId}\n${campaignId}\n${sha256}`, DOSSIER_NAMESPACE);
}

/**
 * An item's nomination id, from its dossier and place alone: the dossier is
 * the unit's (unit, campaign, file), so another officer of the unit importing
 * the same file resumes the same nominations instead of drafting new ones.
 */
export function dossierNominationId(dossierId: string, itemNo: number): string {
  return uuidv5(draftKey(dossierId, itemNo), DOSSIER_ITEM_NAMESPACE);
}

/** The idempotency key of an item's draft. */
export function draftKey(dossierId: string, itemNo: number): string {
  return `dossier:${dossierId}:${itemNo}`;
}

export function invalidFile(problems: readonly DossierRowProblem[], rows: number): ApiError {
  const first = problems
    .slice(0, 3)
    .map((p) => `row ${p.row}${p.column ? ` (${p.column})` : ''}: ${p.reason}`)
    .join('; ');
  return new ApiError(
    400,
    'DOSSIER_INVALID',
    `the list has ${problems.length} problem(s); nothing was created. ${first}${problems.length > 3 ? '; …' : ''}`,
    { problems: [...problems], rows },
  );
}

/** Where the importing unit's drafts would go, and as of when they are judged. */
export interface DraftContext {
  readonly dossierId: string;
  readonly campaign: CampaignState;
  readonly campaignYear: number;
  readonly province: string;
  readonly unitId: string;
  readonly blockId: string;
  readonly actor: Actor;
  readonly evidence: ImportDossierRequest['evidence'];
  readonly now: string;
  readonly policy: PolicySet;
}

/** Each row as the decider would judge its draft, and as the campaign would admit it: a problem per refusal. */
export function draftProblems(items: readonly DossierItem[], context: DraftContext): DossierRowProblem[] {
  const { campaign, campaignYear, province, unitId, now } = context;
  const problems: DossierRowProblem[] = [];
  const perAward = new Map<string, number>();
  for (const item of items) {
    const nominationId = dossierNominationId(context.dossierId, item.itemNo);
    const decision = decide(
      initialState,
      {
        type: 'DraftNomination',
        nominationId,
        at: now,
        actor: context.actor,
        province,
        proposingUnitId: unitId,
        blockId: context.blockId,
        ...draftContent(item, unitId, campaignYear, context.evidence),
      },
      context.policy,
    );
    if (!decision.ok) {
      const error = apiErrorFromDomain(decision.error);
      problems.push({
        row: item.row,
        code: error.code,
        params: { message: error.message },
        reason: `${error.code}: ${error.message}`,
      });
      continue;
    }
    if (campaign.admitted[nominationId]) continue;
    const refusal = admissionRefusal(
      campaign,
      { nominationId, awardType: item.awardType, campaignYear, province, unitId },
      now,
    );
    const taken = perAward.get(item.awardType) ?? 0;
    const quotaLeft = quotaLeftOf(campaign, item.awardType);
    if (refusal && refusal.code !== 'QUOTA_EXCEEDED') {
      problems.push({
        row: item.row,
        code: refusal.code,
        params: { message: refusal.message },
        reason: `${refusal.code}: ${refusal.message}`,
      });
    } else if (quotaLeft !== undefined && taken >= quotaLeft) {
      problems.push({
        row: item.row,
        column: 'Hình thức khen thưởng',
        code: 'QUOTA_EXCEEDED',
        params: { left: quotaLeft, awardType: item.awardType },
        reason: `QUOTA_EXCEEDED: the campaign has ${quotaLeft} place(s) left for ${item.awardType}; this row is one too many`,
      });
    }
    perAward.set(item.awardType, taken + 1);
  }
  return problems;
}

function quotaLeftOf(campaign: CampaignState, awardType: string): number | undefined {
  const planned = campaign.definition?.plannedAwards.find((p) => p.awardType === awardType);
  if (planned?.quota === undefined) return undefined;
  const admitted = Object.values(campaign.admitted).filter((e) => e.awardType === awardType).length;
  return Math.max(0, planned.quota - admitted);
}

/** An item's draft content, the same for the check at import and for the draft the batch sends. */
export function draftContent(
  item: DossierItem,
  unitId: string,
  campaignYear: number,
  evidence: readonly ImportDossierRequest['evidence'][number][],
) {
  return {
    nominee: {
      kind: item.kind,
      name: item.name,
      unitId,
      ...(item.personId ? { personId: item.personId } : {}),
      ...(item.position ? { position: item.position } : {}),
    },
    awardType: item.awardType,
    campaignYear,
    achievements: item.achievements,
    record: item.record,
    evidence: evidence.map((e) => ({ ...e })),
  };
}
