import {
  computeDeadline,
  parseInstant,
  publicationPolicyFor,
  resolvePolicy,
  type PolicyRegistry,
} from '@laurel/domain';

/** The comment period of a proposal in council review, or undefined if its province does not consult. */
export function commentPeriodOf(
  policies: PolicyRegistry,
  province: string,
  councilReviewSince: string,
  now: Date,
): { from: string; until: string; open: boolean } | undefined {
  const period = publicationPolicyFor(province).commentPeriod;
  if (!period) return undefined;
  // Counted in the province's working calendar, as every other period is.
  const calendar = resolvePolicy(policies, province, councilReviewSince).calendar;
  const until = computeDeadline(councilReviewSince, period, calendar);
  return { from: councilReviewSince, until, open: now.getTime() <= parseInstant(until) };
}
