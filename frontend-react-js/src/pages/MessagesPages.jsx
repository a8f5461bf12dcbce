import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Dialog } from '../components/Dialog';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { MESSAGE_MAX_LENGTH } from '../config/limits';
import { paths } from '../config/paths';
import { MessageForm } from '../components/MessageForm';
import { ConversationHeader } from '../features/messages/components/ConversationHeader';
import { MessageGroupList } from '../features/messages/components/MessageGroupList';
import { PersonPicker } from '../features/messages/components/PersonPicker';
import { MessageThread } from '../features/messages/components/MessageThread';
import { useConversation } from '../features/messages/hooks/use-conversation';
import { useConversations, useRecipient, useSendMessage, useThread } from '../features/messages/hooks/use-conversations';
import { useAuth } from '../lib/auth';
import { inReadingOrder } from '../features/messages/thread';
import { usePageTitle } from '../hooks/use-page-title';

/** "New message": find a person by typing, then write to them (or carry on the conversation with them). */
function NewMessageButton() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const { user } = useAuth();
  return (
    <>
      <button type="button" className="button button-primary messages-header-action" onClick={() => setOpen(true)}>
        New message
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New message">
        <PersonPicker
          excludeHandle={user?.handle}
          onPick={(person) => {
            setOpen(false);
            navigate(paths.newMessage(person.handle));
          }}
        />
      </Dialog>
    </>
  );
}

export function MessagesPage() {
  usePageTitle('Messages');
  const groups = useConversations();
  return (
    <>
      <header className="page-header">
        <h1>Messages</h1>
        <NewMessageButton />
      </header>
      <MessageGroupList list={groups} />
    </>
  );
}

/**
 * One conversation. Pages come newest first, so "older messages" go above what is shown; the other person's
 * messages arrive on the real-time stream as they are sent.
 */
export function MessageGroupPage() {
  const { messageGroupUuid } = useParams();
  const { user } = useAuth();
  const thread = useThread(messageGroupUuid);
  const send = useSendMessage();
  const messages = inReadingOrder(thread.items);
  const fromOther = messages.filter((message) => message.handle !== user?.handle);
  // undefined until the thread is shown; null when the other member has not written yet.
  const latestFromOther = thread.status === 'ready' ? (fromOther.at(-1)?.uuid ?? null) : undefined;
  const conversation = useConversation(messageGroupUuid, latestFromOther);
  const person = conversation.data ?? null;
  usePageTitle(person ? `${person.display_name} (@${person.handle})` : 'Conversation');

  if (thread.status === 'error' && thread.error.status === 404) {
    return (
      <>
        <ConversationHeader person={null} />
        <EmptyState title="This conversation does not exist or is not yours" />
      </>
    );
  }
  return (
    <>
      <ConversationHeader person={person} />
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
      <ConversationHeader person={recipient.status === 'ready' ? recipient.data : null} fallbackTitle="New message" />
      {recipient.status === 'loading' && <LoadingState />}
      {recipient.status === 'error' &&
        (recipient.error.status === 404 ? (
          <EmptyState title={`@${handle} does not exist`} />
        ) : (
          <ErrorState error={recipient.error} onRetry={recipient.reload} />
        ))}
      {recipient.status === 'ready' && !existingUuid && (
        <>
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
