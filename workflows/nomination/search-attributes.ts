import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Custom search attributes admins filter on in the Temporal UI. The dev server
// registers them by name and type (scripts/temporal-dev.sh, test global setup);
// a real cluster needs `temporal operator search-attribute create` with the same list.

/** Current stage of an open nomination (Draft, BlockVote, ...); a closed one's reported outcome (Awarded, Revoked, ...). */
export const NominationStage = defineSearchAttributeKey('NominationStage', SearchAttributeType.KEYWORD);
/** Emulation block the proposing unit belongs to. */
export const EmulationBlock = defineSearchAttributeKey('EmulationBlock', SearchAttributeType.KEYWORD);
/** Unit that proposed the nomination. */
export const ProposingUnit = defineSearchAttributeKey('ProposingUnit', SearchAttributeType.KEYWORD);
/** Award applied for. */
export const AwardType = defineSearchAttributeKey('AwardType', SearchAttributeType.KEYWORD);
/** Year of the emulation campaign. */
export const CampaignYear = defineSearchAttributeKey('CampaignYear', SearchAttributeType.INT);
/** When the current stage's deadline falls. */
export const StageDeadline = defineSearchAttributeKey('StageDeadline', SearchAttributeType.DATETIME);

/**
 * Who and what, as one line ("Nguyễn Văn A · Bằng khen … · Báo Ninh Thuận"): the
 * Temporal UI's list shows search attributes as columns, not the summary. Set by
 * the API when it starts a run, as drafted; the workflow never changes it.
 */
export const NominationTitle = defineSearchAttributeKey('NominationTitle', SearchAttributeType.KEYWORD);

/** Every key, for registering them on a server in one go. */
export const nominationSearchAttributeKeys = [
  NominationStage,
  EmulationBlock,
  ProposingUnit,
  AwardType,
  CampaignYear,
  StageDeadline,
  NominationTitle,
] as const;
