import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { API_ORIGIN } from '../../../config/env';
import { useRuntimeConfig } from '../../../config/runtime-config';
import { fetchAuthSession } from '../../../lib/amplify-loader';
import { useAuth, useViewer } from '../../../lib/auth';
import { startStream } from '../../../lib/stream';
import { applyStreamEvent, refetchMissed } from '../apply-event';
import { StreamStatusContext } from '../hooks/use-stream-status';
import { clearPending } from '../pending';

async function accessToken(forceRefresh) {
  try {
    const session = await fetchAuthSession(forceRefresh ? { forceRefresh: true } : undefined);
    return session?.tokens?.accessToken?.toString() ?? null;
  } catch {
    return null;
  }
}

// stream_url is a path on the API's origin unless the server names another origin.
const streamUrl = (configured) => (configured.startsWith('/') ? `${API_ORIGIN}${configured}` : configured);

/**
 * Holds the signed-in person's real-time stream open (lib/stream.js) and applies its events to the query
 * cache (apply-event.js); after every reconnection it refetches what the stream may have missed. Signed out,
 * there is no stream.
 */
export function StreamProvider({ children }) {
  const queryClient = useQueryClient();
  const { stream_url: configuredUrl } = useRuntimeConfig();
  const { status: sessionStatus, user } = useAuth();
  const { viewer } = useViewer();
  const handle = sessionStatus === 'signedIn' ? user?.handle : undefined;
  const [status, setStatus] = useState('off');

  useEffect(() => {
    if (!configuredUrl || !handle) return undefined;
    const me = { viewer, handle };
    // Down at least once since the last connection: events may have been missed meanwhile (the first
    // connection follows the pages' own first fetches).
    let mayHaveMissed = false;
    const stream = startStream({
      url: streamUrl(configuredUrl),
      getToken: accessToken,
      onEvent: (event) => applyStreamEvent(queryClient, me, event),
      onStatus: (next) => {
        setStatus(next);
        if (next === 'down') mayHaveMissed = true;
        if (next === 'open' && mayHaveMissed) {
          mayHaveMissed = false;
          refetchMissed(queryClient, me);
        }
      },
    });
    const online = () => stream.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      stream.stop();
      clearPending();
      setStatus('off');
    };
  }, [configuredUrl, handle, viewer, queryClient]);

  return <StreamStatusContext.Provider value={status}>{children}</StreamStatusContext.Provider>;
}
