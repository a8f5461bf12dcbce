import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { paths } from '../config/paths';
import { useRuntimeConfig } from '../config/runtime-config';
import { AuthCard } from '../features/auth/components/AuthCard';
import { ConfirmForm } from '../features/auth/components/ConfirmForm';
import { ConfirmResetForm, RequestResetForm } from '../features/auth/components/ResetPasswordForms';
import { SigninForm } from '../features/auth/components/SigninForm';
import { SignupForm } from '../features/auth/components/SignupForm';
import { usePageTitle } from '../hooks/use-page-title';
import { safeReturnPath } from '../lib/return-path';
import { useToast } from '../lib/toast';

const confirmPath = (email) => `${paths.confirm}?${new URLSearchParams({ email })}`;

/** The page of this app that sent the person to sign in (RequireAuth), carried from page to page; or null. */
function useReturnPath() {
  return safeReturnPath(useLocation().state?.from);
}

export function SignupPage() {
  usePageTitle('Sign up');
  const navigate = useNavigate();
  const from = useReturnPath();
  return (
    <AuthCard
      title="Join Cruddur"
      footer={<>Have an account? <Link to={paths.signin} state={{ from }}>Sign in</Link></>}
    >
      <SignupForm onSignedUp={(email) => navigate(confirmPath(email), { state: { from } })} />
    </AuthCard>
  );
}

export function ConfirmPage() {
  usePageTitle('Confirm your email');
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const { cognito_endpoint: localCognito } = useRuntimeConfig();
  const from = useReturnPath();
  return (
    <AuthCard title="Confirm your email" footer={<Link to={paths.signin} state={{ from }}>Back to sign in</Link>}>
      {localCognito && (
        <p className="form-note">This is the local development stack: any confirmation code is accepted.</p>
      )}
      <ConfirmForm
        initialEmail={searchParams.get('email') || ''}
        onConfirmed={(email, signedIn) => {
          // Signed in with the password typed at sign-up (kept in memory); after a reload it is gone, so
          // the person signs in, their email already in the form.
          if (signedIn) {
            toast.show('Email confirmed. Welcome to Cruddur!');
            navigate(from || paths.home, { replace: true });
          } else {
            toast.show('Email confirmed. Sign in to start crudding.');
            navigate(paths.signin, { state: { email, from } });
          }
        }}
      />
    </AuthCard>
  );
}

export function SigninPage() {
  usePageTitle('Sign in');
  const navigate = useNavigate();
  const location = useLocation();
  const from = useReturnPath();
  return (
    <AuthCard
      title="Sign in to Cruddur"
      footer={<>New to Cruddur? <Link to={paths.signup} state={{ from }}>Sign up</Link></>}
    >
      <SigninForm
        initialEmail={typeof location.state?.email === 'string' ? location.state.email : ''}
        onSignedIn={() => navigate(from || paths.home, { replace: true })}
        onNeedsConfirmation={(email) => navigate(confirmPath(email), { state: { from } })}
      />
    </AuthCard>
  );
}

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const [email, setEmail] = useState(null);
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <AuthCard title="Reset your password" footer={<Link to={paths.signin}>Back to sign in</Link>}>
      {email ? (
        <ConfirmResetForm
          email={email}
          onReset={() => {
            toast.show('Password changed. Sign in with your new password.');
            navigate(paths.signin);
          }}
        />
      ) : (
        <RequestResetForm onCodeSent={setEmail} />
      )}
    </AuthCard>
  );
}
