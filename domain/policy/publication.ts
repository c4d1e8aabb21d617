import type { DeadlineSpec } from './policy-set';

/**
 * What a province publishes about its awards, and whether it puts proposals
 * out for public comment before the council sits.
 *
 * Kept beside the rule sets rather than inside them: publishing is not part of
 * what a vote or decision is judged under, so changing it must not start a new
 * rule-set version (and so leave every recorded `PolicyRef` as it was).
 */
export const PUBLISHED_FIELDS = ['name', 'position', 'unit', 'award', 'decisionNumber', 'decisionDate'] as const;
export type PublishedField = (typeof PUBLISHED_FIELDS)[number];

export interface PublicationPolicy {
  /** Province slug, or 'default'. */
  readonly province: string;
  /** The awardee's fields shown on the public list; anything else stays inside. */
  readonly fields: readonly PublishedField[];
  /**
   * When set, a nomination in council review is listed for public comment for
   * this long from the council review's opening [practice, some provinces].
   */
  readonly commentPeriod?: DeadlineSpec;
}

/** Name, position, unit, award, decision number and date [default]; no comment period [default]. */
export const DEFAULT_PUBLICATION: PublicationPolicy = { province: 'default', fields: PUBLISHED_FIELDS };

export const PUBLICATION_POLICIES: readonly PublicationPolicy[] = [
  // The demo province consults the public for 5 working days before its council sits.
  { province: 'ninh-thuan', fields: PUBLISHED_FIELDS, commentPeriod: { kind: 'workingDays', days: 5 } },
];

export function publicationPolicyFor(
  province: string,
  policies: readonly PublicationPolicy[] = PUBLICATION_POLICIES,
): PublicationPolicy {
  const slug = province.trim().toLowerCase();
  return policies.find((p) => p.province === slug) ?? { ...DEFAULT_PUBLICATION, province: slug };
}
