import { useEffect, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

/** Subscribes a Preact view to a slice of a vanilla zustand store (zustand's own React hook would pull in
 *  preact/compat: some 3 KB gzip more on every page that uses it). */
export function useStoreState<S, T>(store: StoreApi<S>, select: (state: S) => T, equal?: (next: T, shown: T) => boolean): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    setValue(select(store.getState()));
    // `equal`: a change the view does not show (the same slice) renders nothing.
    return store.subscribe((state) => setValue((shown) => (equal?.(select(state), shown) ? shown : select(state))));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `select` is one per call site; re-subscribing at every render would drop updates
  }, [store]);
  return value;
}
