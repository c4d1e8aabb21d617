import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

/** GET /directory, cached for the session: names of provinces, blocks and units. */
export function useDirectory() {
  return useQuery({
    queryKey: ['directory'],
    queryFn: () => unwrap(api.GET('/directory')),
    staleTime: 10 * 60_000,
  });
}

/** A unit's, block's or province's name by id; the id itself while the directory loads or lacks it. */
export function useNames(): {
  unit: (id: string | null | undefined) => string;
  block: (id: string | null | undefined) => string;
  province: (id: string | null | undefined) => string;
  directory: Schemas['Directory'] | undefined;
} {
  const { data } = useDirectory();
  const find = (list: readonly { id: string; name: string }[] | undefined) => (id: string | null | undefined) =>
    id ? (list?.find((x) => x.id === id)?.name ?? id) : '';
  return { unit: find(data?.units), block: find(data?.blocks), province: find(data?.provinces), directory: data };
}
