import { useEffect, useRef, useState } from 'react';

/** One GET (or any promise) with loading/error states; runs again when `key` changes. */
export function useApiData(load, key) {
  const [reloads, setReloads] = useState(0);
  const requestKey = `${key}#${reloads}`;
  const [state, setState] = useState({ requestKey: null, status: 'loading', data: null, error: null });
  const loadRef = useRef(load);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let cancelled = false;
    loadRef.current().then(
      (data) => !cancelled && setState({ requestKey, status: 'ready', data, error: null }),
      (error) => !cancelled && setState({ requestKey, status: 'error', data: null, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [requestKey]);

  // Until the current key's answer arrives, whatever is in state belongs to the previous key.
  const current = state.requestKey === requestKey ? state : { status: 'loading', data: null, error: null };
  return { ...current, reload: () => setReloads((count) => count + 1) };
}
