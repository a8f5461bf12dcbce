// Amplify, loaded only through amplify-loader.js: Cognito's sign-in, tokens and their refresh.
import { Amplify } from 'aws-amplify';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { Hub } from 'aws-amplify/utils';

export {
  confirmResetPassword,
  confirmSignUp,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';

export function configure(config, tokenStorage) {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.user_pool_id,
        userPoolClientId: config.user_pool_client_id,
        // null on real AWS; the local stack points at its own Cognito.
        userPoolEndpoint: config.cognito_endpoint || undefined,
        loginWith: { email: true },
      },
    },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(tokenStorage);
}

/** Calls `onEvent(name)` for Amplify's auth events (signedIn, signedOut, tokenRefresh_failure…); answers the unsubscribe. */
export const listenAuth = (onEvent) => Hub.listen('auth', ({ payload }) => onEvent(payload.event));
