// Amplify is about a third of the JavaScript of a first visit, and a visitor who has no session on this
// browser needs none of it until they sign in or up. So it is a chunk of its own, loaded when a session may
// exist (Cognito's tokens are kept under our own prefix, so that is known without Amplify) or when an auth
// call is made.

const TOKEN_PREFIX = 'cruddur.auth.';

/** Where Amplify keeps Cognito's tokens: localStorage, under TOKEN_PREFIX. */
export const tokenStorage = {
  setItem: async (key, value) => window.localStorage.setItem(TOKEN_PREFIX + key, value),
  getItem: async (key) => window.localStorage.getItem(TOKEN_PREFIX + key),
  removeItem: async (key) => window.localStorage.removeItem(TOKEN_PREFIX + key),
  clear: async () => {
    for (const key of storedTokenKeys()) window.localStorage.removeItem(key);
  },
};

function storedTokenKeys() {
  return Object.keys(window.localStorage).filter((key) => key.startsWith(TOKEN_PREFIX));
}

/** Whether this browser holds tokens of a session (which may still have to be refreshed, or be refused). */
export const mayHaveSession = () => storedTokenKeys().length > 0;

// Cognito's settings come from GET /api/config, which the app may still be asking for (or retrying) when a
// page already calls the API: Amplify is configured, and so answers, only once they are here.
let giveAuthConfig;
const authConfig = new Promise((resolve) => {
  giveAuthConfig = resolve;
});
let loading = null;
const whenLoaded = [];

/** Cognito's settings (from GET /api/config); null where unit tests stand in for Cognito at Amplify's module. */
export function configureAuth(config) {
  giveAuthConfig(config);
}

/** Amplify, configured: loaded on the first call, the same module after. */
export function loadAmplify() {
  loading ??= Promise.all([authConfig, import('./amplify')]).then(
    ([config, amplify]) => {
      if (config) amplify.configure(config, tokenStorage);
      for (const callback of whenLoaded.splice(0)) callback(amplify);
      return amplify;
    },
    (error) => {
      loading = null; // its chunk could not be fetched (offline?): the next call tries again
      throw error;
    },
  );
  return loading;
}

/** Runs `callback(amplify)` once Amplify is loaded (at once if it is); answers a function that cancels it. */
export function onAmplifyLoaded(callback) {
  let cancelled = false;
  const run = (amplify) => {
    if (!cancelled) callback(amplify);
  };
  if (loading) loading.then(run);
  else whenLoaded.push(run);
  return () => {
    cancelled = true;
  };
}

/** The session's tokens, as Amplify's fetchAuthSession answers them; none without a stored session. */
export async function fetchAuthSession(options) {
  if (!mayHaveSession()) return {};
  return (await loadAmplify()).fetchAuthSession(options);
}
