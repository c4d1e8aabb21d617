import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type NominationDetail = Schemas['NominationDetail'];
/** A nomination's state once it has been drafted: what the page's sections show. */
export type NominationState = Exclude<NominationDetail['state'], { stage: 'Initial' }>;

export function useNomination(nominationId: string) {
  return useQuery({
    queryKey: ['nomination', nominationId],
    queryFn: () => unwrap(api.GET('/nominations/{id}', { params: { path: { id: nominationId } } })),
  });
}

/** What the user may do with the nomination now, and why not where a rule refuses. */
export function useNominationActions(nominationId: string) {
  return useQuery({
    queryKey: ['nomination-actions', nominationId],
    queryFn: () => unwrap(api.GET('/nominations/{id}/actions', { params: { path: { id: nominationId } } })),
  });
}
