import { useEffect, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';
import type { InboxViewState } from '../../lib/conversation/inbox-store';

/** Subscribes a Preact view to a slice of the store (zustand's React hook would pull in preact/compat). */
export function useInboxState<T>(store: StoreApi<InboxViewState>, select: (state: InboxViewState) => T): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    setValue(select(store.getState()));
    return store.subscribe((state) => setValue(() => select(state)));
    // `select` is expected to be stable per call site; re-subscribing on every render would drop updates.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return value;
}
