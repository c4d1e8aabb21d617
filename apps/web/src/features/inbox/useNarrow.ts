import { useSyncExternalStore } from 'react';

/** Below this width the inbox is a list of cards instead of a table (phones). */
const NARROW = '(max-width: 600px)';

function subscribe(onChange: () => void): () => void {
  const query = globalThis.matchMedia?.(NARROW);
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => globalThis.matchMedia?.(NARROW).matches ?? false,
    () => false,
  );
}
