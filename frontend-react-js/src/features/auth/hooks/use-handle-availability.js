import { useEffect, useState } from 'react';
import { getHandleAvailability } from '../api/handles';
import { validateHandle } from '../validation';

// Long enough that a typist's pauses between letters do not each cost a request.
const HANDLE_CHECK_DELAY_MS = 350;

/** 'available' | 'taken', 'unknown' when the look-up failed, or null when it was cancelled. */
async function lookUpHandle(handle, signal) {
  try {
    const { available } = await getHandleAvailability(handle, { signal });
    return available ? 'available' : 'taken';
  } catch (error) {
    if (error?.name === 'AbortError') return null;
    // Offline or rate limited (429): say nothing either way. Sign-up goes on; the API still refuses a
    // taken username at the first sign-in, and then the app asks for another.
    return 'unknown';
  }
}

/**
 * Whether `handle` is free, asked of the API once typing pauses. `status` is null for a handle that is not
 * well formed (nothing to ask), 'checking', 'available', 'taken' or 'unknown'. An answer only ever counts
 * for the handle it was asked about, so an answer for what was typed before never shows.
 */
export function useHandleAvailability(handle) {
  const [answer, setAnswer] = useState({ handle: null, status: null });
  const wellFormed = !validateHandle(handle);

  useEffect(() => {
    if (!wellFormed) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const status = await lookUpHandle(handle, controller.signal);
      if (status && !controller.signal.aborted) setAnswer({ handle, status });
    }, HANDLE_CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [handle, wellFormed]);

  let status = null;
  if (wellFormed) status = answer.handle === handle ? answer.status : 'checking';

  return {
    status,
    /**
     * The answer for the handle as it stands, asked now when there is none yet (a submit before the pause)
     * or the last look-up failed.
     */
    async confirm() {
      if (status !== 'checking' && status !== 'unknown') return status;
      const fresh = await lookUpHandle(handle);
      setAnswer({ handle, status: fresh });
      return fresh;
    },
    /** Records what the server said when it refused this handle after all (someone claimed it since). */
    markTaken(takenHandle) {
      setAnswer({ handle: takenHandle, status: 'taken' });
    },
  };
}

/** The Username field's live message for an availability status. */
export function handleAvailabilityMessage(handle, status) {
  switch (status) {
    case 'checking':
      return { text: `Checking whether @${handle} is free…`, tone: 'neutral' };
    case 'available':
      return { text: `@${handle} is available`, tone: 'good' };
    case 'taken':
      return { text: `@${handle} is taken`, tone: 'bad' };
    case 'unknown':
      return { text: `Couldn't check whether @${handle} is free right now.`, tone: 'neutral' };
    default:
      return null;
  }
}

/** The form error when a taken username is submitted; it names the field to fix. */
export const handleTakenMessage = (handle) => `Username: @${handle} is taken. Choose another one.`;
