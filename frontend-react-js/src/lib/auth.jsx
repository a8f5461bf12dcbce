import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '../config/paths';
import { LoadingState } from '../components/States';
import { loadAmplify, mayHaveSession, onAmplifyLoaded } from './amplify-loader';
import { api } from './api-client';
import { ApiError } from './api-error';
import { safeReturnPath } from './return-path';

// What GET /api/users/me answers for an account whose sign-up username cannot be its handle.
const HANDLE_PROBLEMS = ['handle_taken', 'invalid_handle'];

export { configureAuth } from './amplify-loader';

// Cognito through Amplify, each call loading Amplify first (amplify-loader.js).
const viaAmplify = (name) => async (...args) => (await loadAmplify())[name](...args);
const amplifyAuth = Object.fromEntries(
  [
    'getCurrentUser',
    'fetchUserAttributes',
    'fetchAuthSession',
    'signIn',
    'signUp',
    'confirmSignUp',
    'resendSignUpCode',
    'signOut',
    'resetPassword',
    'confirmResetPassword',
  ].map((name) => [name, viaAmplify(name)]),
);

const AUTH_ERROR_MESSAGES = {
  NotAuthorizedException: 'Incorrect email or password.',
  UserNotFoundException: 'Incorrect email or password.',
  UsernameExistsException: 'An account with this email already exists.',
  CodeMismatchException: 'That confirmation code is not right.',
  ExpiredCodeException: 'That code has expired. Ask for a new one.',
  InvalidPasswordException: 'The password is too weak: use at least 8 characters with upper and lower case letters, numbers and symbols.',
  LimitExceededException: 'Too many attempts. Wait a little and try again.',
  TooManyRequestsException: 'Too many attempts. Wait a little and try again.',
};

export function authErrorMessage(error) {
  if (AUTH_ERROR_MESSAGES[error?.name]) return AUTH_ERROR_MESSAGES[error.name];
  if (error?.name === 'NetworkError' || error?.message === 'Failed to fetch') {
    return "Can't reach the sign-in service. Check your connection and try again.";
  }
  return error?.message || 'Something went wrong. Try again.';
}

const userFromProfile = (userId, profile) => ({
  id: userId,
  uuid: profile.uuid,
  displayName: profile.display_name,
  handle: profile.handle,
  avatarUrl: profile.avatar_url,
});

// Cruddur's own profile is the truth for names and avatars (it changes with "Edit profile");
// Cognito's attributes stand in only when the API cannot answer.
async function loadSession() {
  // No tokens on this browser: signed out, without loading Amplify.
  if (!mayHaveSession()) return { status: 'signedOut', user: null };
  let userId;
  try {
    ({ userId } = await amplifyAuth.getCurrentUser());
  } catch {
    return { status: 'signedOut', user: null };
  }
  try {
    return { status: 'signedIn', user: userFromProfile(userId, await api.get('/api/users/me')) };
  } catch (error) {
    const attributes = await amplifyAuth.fetchUserAttributes().catch(() => ({}));
    const displayName = attributes.name || attributes.email;
    if (error instanceof ApiError && HANDLE_PROBLEMS.includes(error.code)) {
      // Someone claimed the username chosen at sign-up before this account's first sign-in (or it was never a
      // username: Cognito takes anything): until the person chooses another (RequireHandle), the API refuses
      // every call of theirs.
      const lostHandle = { handle: attributes.preferred_username, problem: error.code };
      return { status: 'needsHandle', user: { id: userId, displayName, lostHandle } };
    }
    return { status: 'signedIn', user: { id: userId, displayName, handle: attributes.preferred_username, avatarUrl: null } };
  }
}

export const AuthContext = createContext(null);

/**
 * `onSignedOut` lets the app forget what it fetched for the person who signed out. Until `configured` (Cognito's
 * settings came from /api/config) the session stays 'loading': it cannot be checked yet.
 */
export function AuthProvider({ children, onSignedOut, configured = true }) {
  const [state, setState] = useState({ status: 'loading', user: null });
  // The email and password of an account that still has to confirm its email (typed at sign-up, or at a
  // sign-in Cognito refused for that reason), so that confirming signs it in. In memory only, never stored;
  // forgotten once used.
  const awaitingConfirmation = useRef(null);

  const refreshUser = useCallback(async () => {
    const session = await loadSession();
    setState(session);
    return session.user;
  }, []);

  /** The account of a 'needsHandle' session has claimed `profile.handle`: carry on signed in as that profile. */
  const handleClaimed = useCallback(async (profile) => {
    // The API set Cognito's preferred_username too; the ID token Amplify keeps names the old one until renewed.
    await amplifyAuth.fetchAuthSession({ forceRefresh: true }).catch(() => null);
    setState((current) => ({ status: 'signedIn', user: userFromProfile(current.user?.id, profile) }));
  }, []);

  useEffect(() => {
    if (!configured) return undefined;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state is set after awaiting Amplify
    refreshUser();
    // Keeps the UI in step when Amplify signs the user in or out (e.g. the refresh token expired), once it is
    // loaded (before, nothing can sign anyone in or out).
    let stopListening = () => {};
    const cancel = onAmplifyLoaded((amplify) => {
      stopListening = amplify.listenAuth((event) => {
        if (['signedIn', 'signedOut', 'tokenRefresh_failure'].includes(event)) refreshUser();
      });
    });
    return () => {
      cancel();
      stopListening();
    };
  }, [refreshUser, configured]);

  const signIn = useCallback(
    async ({ email, password }) => {
      let result;
      try {
        result = await amplifyAuth.signIn({ username: email, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      } catch (error) {
        if (error.name === 'UserNotConfirmedException') awaitingConfirmation.current = { email, password };
        throw error;
      }
      if (result.nextStep?.signInStep === 'CONFIRM_SIGN_UP') awaitingConfirmation.current = { email, password };
      if (result.isSignedIn) await refreshUser();
      return result;
    },
    [refreshUser],
  );

  const value = useMemo(
    () => ({
      ...state,
      refreshUser,
      handleClaimed,
      signUp: async ({ email, password, name, handle }) => {
        const result = await amplifyAuth.signUp({
          username: email,
          password,
          options: { userAttributes: { email, name, preferred_username: handle } },
        });
        awaitingConfirmation.current = { email, password };
        return result;
      },
      /** Confirms the email; `signedIn` in the answer says whether that also signed the account in. */
      confirmSignUp: async ({ email, code }) => {
        const result = await amplifyAuth.confirmSignUp({ username: email, confirmationCode: code });
        const credentials = awaitingConfirmation.current;
        if (credentials?.email.toLowerCase() !== email.toLowerCase()) return { ...result, signedIn: false };
        awaitingConfirmation.current = null;
        const signedIn = await signIn(credentials).catch(() => ({ isSignedIn: false }));
        return { ...result, signedIn: Boolean(signedIn.isSignedIn) };
      },
      resendSignUpCode: ({ email }) => amplifyAuth.resendSignUpCode({ username: email }),
      signIn,
      signOut: async () => {
        await amplifyAuth.signOut();
        await refreshUser();
        onSignedOut?.();
      },
      resetPassword: ({ email }) => amplifyAuth.resetPassword({ username: email }),
      confirmResetPassword: ({ email, code, newPassword }) =>
        amplifyAuth.confirmResetPassword({ username: email, confirmationCode: code, newPassword }),
    }),
    [state, refreshUser, handleClaimed, signIn, onSignedOut],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth() {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}

/**
 * Whom the API answers for, for query keys: one person's lists are never shown to another. `ready` is false
 * while the session is checked, so nothing is fetched twice (once anonymous, once signed in).
 */
export function useViewer() {
  const { status, user } = useAuth();
  return { ready: status !== 'loading', viewer: status === 'signedIn' ? (user?.handle ?? user?.id) : 'anonymous' };
}

/** Route guard: pages that need a signed-in user send visitors to sign in, then back. */
export function RequireAuth({ children }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <LoadingState label="Checking your session…" />;
  if (status === 'signedOut') {
    return <Navigate to={paths.signin} replace state={{ from: location.pathname + location.search }} />;
  }
  return children;
}

/** The reverse guard for sign-in/sign-up pages: a signed-in user goes back where they came from, or home. */
export function RedirectIfSignedIn({ children }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'signedIn') return <Navigate to={safeReturnPath(location.state?.from) || paths.home} replace />;
  return children;
}
