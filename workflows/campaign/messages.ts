import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CampaignDefinition,
  CampaignStage,
  CampaignState,
  NominationEntry,
} from '@laurel/domain/campaign/campaign';
import type { Actor } from '@laurel/domain';

/**
 * Messages of the campaign workflow, shared by the workflow and its clients.
 * Every change is an Update with a validator, as for nominations: the caller
 * learns at once whether it was taken, and a refusal never reaches history.
 */

export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

export interface CampaignWorkflowInput {
  readonly campaignId: string;
}

interface Signed {
  readonly actor: Actor;
}

export type CreateCampaignArgs = Signed & { readonly definition: CampaignDefinition };
export type CloseCampaignArgs = Signed & { readonly reason?: string };
export type AdmitNominationArgs = Signed & { readonly entry: NominationEntry };
export type ReleaseNominationArgs = Signed & { readonly nominationId: string; readonly reason: string };

export interface CampaignActionResult {
  readonly campaignId: string;
  readonly stage: CampaignStage;
  /** Events in the campaign's stream after the action. */
  readonly version: number;
  /** Store position reached (`<commit>.<prepare>`), empty when the action changed nothing. */
  readonly position: string;
  readonly eventTypes: readonly string[];
}

export const createCampaignUpdate = defineUpdate<CampaignActionResult, [CreateCampaignArgs]>('createCampaign');
export const openCampaignUpdate = defineUpdate<CampaignActionResult, [Signed]>('openCampaign');
export const closeIntakeUpdate = defineUpdate<CampaignActionResult, [Signed]>('closeIntake');
export const closeCampaignUpdate = defineUpdate<CampaignActionResult, [CloseCampaignArgs]>('closeCampaign');
/** A nomination asks to enter the campaign: window, year, planned award and quota are checked here. */
export const admitNominationUpdate = defineUpdate<CampaignActionResult, [AdmitNominationArgs]>('admitNomination');
/** Gives a nomination's place back (withdrawn, refused, never created). */
export const releaseNominationUpdate = defineUpdate<CampaignActionResult, [ReleaseNominationArgs]>('releaseNomination');

export const campaignStateQuery = defineQuery<CampaignState>('campaignState');
