import { replyToActivity } from '../api/activities';
import { CRUD_MAX_LENGTH } from '../../../config/limits';
import { MessageForm } from '../../../components/MessageForm';

export function ReplyForm({ activity, onReplied }) {
  async function reply(message) {
    onReplied(await replyToActivity(activity.uuid, message));
  }
  return (
    <MessageForm
      label={`Reply to @${activity.handle}`}
      placeholder="Crud your reply"
      maxLength={CRUD_MAX_LENGTH}
      onSubmit={reply}
    />
  );
}
