import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { MESSAGE_MAX_LENGTH } from '../config/limits';
import { paths } from '../config/paths';
import { MessageForm } from '../components/MessageForm';
import { UserRow } from '../components/UserRow';
import {
  getMessageGroupWith,
  getMessageGroups,
  getMessages,
  getRecipient,
  sendMessage,
} from '../features/messages/api/messages';
import { MessageGroupList } from '../features/messages/components/MessageGroupList';
import { MessageThread } from '../features/messages/components/MessageThread';
import { useNewMessages } from '../features/messages/hooks/use-new-messages';
import { inReadingOrder, unseenMessages, withNewestConversations } from '../features/messages/thread';
import { useApiData } from '../hooks/use-api-data';
import { useCursorList } from '../hooks/use-cursor-list';
import { usePageTitle } from '../hooks/use-page-title';

function MessagesHeader({ title }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
    </header>
  );
}

// New conversations and last messages reach the list without a reload; a thread polls faster.
const CONVERSATIONS_POLL_MS = 10_000;

export function MessagesPage() {
  usePageTitle('Messages');
  const groups = useCursorList(getMessageGroups, 'message-groups');
  useNewMessages(
    () => getMessageGroups(null),
    (polled) => groups.setItems((shown) => withNewestConversations(shown, polled)),
    groups.status === 'ready',
    CONVERSATIONS_POLL_MS,
  );
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
  const thread = useCursorList((cursor) => getMessages(messageGroupUuid, cursor), messageGroupUuid);
  const messages = inReadingOrder(thread.items);
  useNewMessages(
    () => getMessages(messageGroupUuid, null),
    (polled) => unseenMessages(thread.items, polled).forEach(thread.append),
    thread.status === 'ready',
  );

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
            onSubmit={async (text) => thread.append(await sendMessage(text, { message_group_uuid: messageGroupUuid }))}
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
  const recipient = useApiData(async () => {
    const person = await getRecipient(handle);
    const existing = await getMessageGroupWith(handle).catch((error) => {
      if (error.status === 404) return null;
      throw error;
    });
    return { ...person, existing };
  }, handle);
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
              const message = await sendMessage(text, { handle });
              navigate(paths.messageGroup(message.message_group_uuid));
            }}
          />
        </>
      )}
    </>
  );
}
