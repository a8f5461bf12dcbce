import { useState } from 'react';
import { createActivity } from '../api/activities';
import { useActivityCreated } from '../hooks/use-activity-created';
import { CRUD_MAX_LENGTH } from '../../../config/limits';
import { DEFAULT_TTL } from '../ttl';
import { MessageForm } from '../../../components/MessageForm';
import { TtlPicker } from './TtlPicker';

export function CrudComposer({ onPosted }) {
  const [ttl, setTtl] = useState(DEFAULT_TTL);
  const activityCreated = useActivityCreated();

  async function post(message) {
    const activity = await createActivity({ message, ttl });
    activityCreated(activity);
    onPosted?.(activity);
  }

  return (
    <MessageForm
      label="Message"
      placeholder="What's happening?"
      maxLength={CRUD_MAX_LENGTH}
      onSubmit={post}
      extraFields={<TtlPicker value={ttl} onChange={setTtl} />}
      autoFocus
    />
  );
}
