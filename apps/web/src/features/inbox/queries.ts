import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';

export const PENDING_TASKS_KEY = ['tasks', 'pending'] as const;

/**
 * The caller's pending tasks. Always read again on mount and on focus: coming
 * back from an action, the read carries X-Laurel-Position (the client adds
 * it), so the API answers only once its inbox has the action in it.
 */
export function usePendingTasks(enabled = true) {
  const { token } = useSession();
  return useQuery({
    queryKey: [...PENDING_TASKS_KEY, token],
    queryFn: () => unwrap(api.GET('/tasks', { params: { query: { status: 'pending', limit: 500 } } })),
    enabled: enabled && token !== null,
    staleTime: 0,
    refetchOnMount: 'always',
    refetchOnWindowFocus: 'always',
  });
}

export function useDirectory() {
  const { token } = useSession();
  return useQuery({
    queryKey: ['directory', token],
    queryFn: () => unwrap(api.GET('/directory')),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
}

export type InboxTask = Schemas['InboxTask'];
export type SavedView = Schemas['SavedView'];
