import { CRUD_MAX_LENGTH } from '../../../config/limits';
import { MessageForm } from '../../../components/MessageForm';
import { useReply } from '../hooks/use-reply';

export function ReplyForm({ activity }) {
  const reply = useReply(activity);
  return (
    <MessageForm
      label={`Reply to @${activity.handle}`}
      placeholder="Crud your reply"
      maxLength={CRUD_MAX_LENGTH}
      onSubmit={reply}
    />
  );
}
