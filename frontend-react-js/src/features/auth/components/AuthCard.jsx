import { Link } from 'react-router';
import { Logo } from '../../../components/Logo';
import { paths } from '../../../config/paths';
import './AuthCard.css';

/** The centred card around every sign-in/sign-up form. */
export function AuthCard({ title, children, footer }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <Link to={paths.home} className="auth-logo">
          <Logo size={56} />
        </Link>
        <h1>{title}</h1>
        {children}
      </div>
      {footer && <div className="auth-card auth-footer">{footer}</div>}
    </main>
  );
}
