import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { AwardNames } from '../../lib/award-label';

type Kind = 'individual' | 'collective';
type Summary = Schemas['NominationSummary'];

export type AwardChoice = {
  code: Summary['awardType'];
  kinds: readonly Kind[];
  names?: AwardNames;
  eligibility?: AwardNames;
};

/**
 * The national awards, with the nominee kinds each is for (domain/policy/awards.ts):
 * what the select offers until GET /awards answers, or if it cannot.
 */
const NATIONAL_AWARDS: readonly AwardChoice[] = [
  { code: 'ProvincialEmulationFlag', kinds: ['collective'] },
  { code: 'ProvincialEmulationFighter', kinds: ['individual'] },
  { code: 'ExcellentLabourCollective', kinds: ['collective'] },
  { code: 'ProvincialCertificateOfMerit', kinds: ['individual', 'collective'] },
];

const NO_AWARDS_YET: readonly AwardChoice[] = [];

/**
 * The awards in effect for the user's province and block (GET /awards): the
 * national ones and those the province or the block's Party committee added.
 * Nothing until it answers, so the list never changes under the user's pointer
 * (a click meant for one award could land on another); if it fails, the national awards.
 */
export function useAwardChoices(blockId: string | undefined): readonly AwardChoice[] {
  const listed = useQuery({
    queryKey: ['awards', blockId ?? null],
    queryFn: () => unwrap(api.GET('/awards', { params: { query: blockId !== undefined ? { blockId } : {} } })),
    staleTime: 10 * 60_000,
  });
  if (listed.isError) return NATIONAL_AWARDS;
  if (!listed.data) return NO_AWARDS_YET;
  return listed.data.awards.map((a) => ({
    code: a.code,
    kinds: a.nomineeKinds,
    ...(a.definedBy.kind === 'national' ? {} : { names: a.name }),
    eligibility: a.eligibility,
  }));
}
