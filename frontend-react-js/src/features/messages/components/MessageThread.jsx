import { EmptyState } from '../../../components/States';
import { useAuth } from '../../../lib/auth';
import { RelativeTime } from '../../../components/RelativeTime';
import './Messages.css';

/** Messages oldest first; mine on the right. */
export function MessageThread({ messages }) {
  const { user } = useAuth();
  if (messages.length === 0) return <EmptyState title="No messages yet">Say hello.</EmptyState>;
  return (
    <ol className="message-thread">
      {messages.map((message) => (
        <li key={message.uuid} className={`message${message.handle === user?.handle ? ' message-mine' : ''}`}>
          <p className="message-bubble">{message.message}</p>
          <span className="message-meta">
            {message.display_name} · <RelativeTime dateTime={message.created_at} />
          </span>
        </li>
      ))}
    </ol>
  );
}
