/** What the public routes answer; the schemas in publication-schemas.ts document them. */
import type { PublishedField } from '@laurel/domain';

export interface PublicAwardee {
  readonly name?: string;
  readonly position?: string | null;
  readonly unit?: string;
  readonly award?: string;
}

export interface PublicDecision {
  readonly decisionNumber?: string | null;
  readonly decisionDate?: string;
  readonly awardees: readonly PublicAwardee[];
}

export interface PublicDecisionList {
  readonly province: { readonly id: string; readonly name: string };
  readonly year: number;
  readonly years: readonly number[];
  readonly fields: readonly PublishedField[];
  readonly decisions: readonly PublicDecision[];
}

export interface PublicProposal {
  readonly nominationId: string;
  readonly name?: string;
  readonly position?: string | null;
  readonly unit?: string;
  readonly award: string;
  readonly campaignYear: number;
  readonly commentsFrom: string;
  readonly commentsUntil: string;
  readonly open: boolean;
}

export interface PublicProposalList {
  readonly province: { readonly id: string; readonly name: string };
  readonly consultsBeforeCouncil: boolean;
  readonly proposals: readonly PublicProposal[];
}

export interface PublicComment {
  readonly commentId: string;
  readonly name: string | null;
  readonly text: string;
  readonly at: string;
}
