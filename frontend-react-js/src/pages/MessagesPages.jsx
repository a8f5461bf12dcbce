import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { MESSAGE_MAX_LENGTH } from '../config/limits';
import { paths } from '../config/paths';
import { MessageForm } from '../components/MessageForm';
import { UserRow } from '../components/UserRow';
import { MessageGroupList } from '../features/messages/components/MessageGroupList';
import { MessageThread } from '../features/messages/components/MessageThread';
import { useConversations, useRecipient, useSendMessage, useThread } from '../features/messages/hooks/use-conversations';
import { inReadingOrder } from '../features/messages/thread';
import { usePageTitle } from '../hooks/use-page-title';

function MessagesHeader({ title }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
    </header>
  );
}

export function MessagesPage() {
  usePageTitle('Messages');
  const groups = useConversations();
  return (
    <>
      <MessagesHeader title="Messages" />
      <MessageGroupList list={groups} />
    </>
  );
}

/**
 * One conversation. Pages come newest first, so "older messages" go above what is shown; the newest page is
 * polled so the other person's messages appear without a reload.
 */
export function MessageGroupPage() {
  const { messageGroupUuid } = useParams();
  usePageTitle('Conversation');
  const thread = useThread(messageGroupUuid);
  const send = useSendMessage();
  const messages = inReadingOrder(thread.items);

  if (thread.status === 'error' && thread.error.status === 404) {
    return (
      <>
        <MessagesHeader title="Conversation" />
        <EmptyState title="This conversation does not exist or is not yours" />
      </>
    );
  }
  return (
    <>
      <MessagesHeader title="Conversation" />
      {thread.status !== 'ready' ? (
        <ListStates list={thread} feature="Messages" />
      ) : (
        <>
          <LoadMoreButton list={thread} label="Older messages" />
          <MessageThread messages={messages} />
          <MessageForm
            label="Message"
            maxLength={MESSAGE_MAX_LENGTH}
            onSubmit={async (text) => thread.addMessage(await send(text, { message_group_uuid: messageGroupUuid }))}
          />
        </>
      )}
    </>
  );
}

/** Opens the conversation with @handle when there is one; otherwise the first message starts it. */
export function NewMessagePage() {
  const { handle } = useParams();
  const navigate = useNavigate();
  usePageTitle(`Message @${handle}`);
  const recipient = useRecipient(handle);
  const send = useSendMessage();
  const existingUuid = recipient.data?.existing?.message_group_uuid;

  useEffect(() => {
    if (existingUuid) navigate(paths.messageGroup(existingUuid), { replace: true });
  }, [existingUuid, navigate]);

  return (
    <>
      <MessagesHeader title="New message" />
      {recipient.status === 'loading' && <LoadingState />}
      {recipient.status === 'error' &&
        (recipient.error.status === 404 ? (
          <EmptyState title={`@${handle} does not exist`} />
        ) : (
          <ErrorState error={recipient.error} onRetry={recipient.reload} />
        ))}
      {recipient.status === 'ready' && !existingUuid && (
        <>
          <UserRow user={recipient.data} />
          <MessageForm
            label={`Message to @${handle}`}
            maxLength={MESSAGE_MAX_LENGTH}
            autoFocus
            onSubmit={async (text) => {
              const message = await send(text, { handle });
              navigate(paths.messageGroup(message.message_group_uuid));
            }}
          />
        </>
      )}
    </>
  );
}
