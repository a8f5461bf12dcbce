import { useState } from 'react';
import { createActivity } from '../api/activities';
import { useActivityCreated } from '../hooks/use-activity-created';
import { CRUD_MAX_LENGTH } from '../../../config/limits';
import { DEFAULT_TTL } from '../ttl';
import { MessageForm } from '../../../components/MessageForm';
import { TtlPicker } from './TtlPicker';

export const EMPTY_CRUD_DRAFT = Object.freeze({ text: '', ttl: DEFAULT_TTL });

/**
 * The message box and expiry of a new crud. `draft` ({ text, ttl }) and `onDraftChange` let the owner keep
 * what is typed (ComposerDialog keeps it per person); without them the composer keeps its own.
 * After a successful post the draft goes back to empty.
 */
export function CrudComposer({ onPosted, draft, onDraftChange }) {
  const [ownDraft, setOwnDraft] = useState(EMPTY_CRUD_DRAFT);
  const activityCreated = useActivityCreated();
  const current = draft ?? ownDraft;
  const change = onDraftChange ?? setOwnDraft;

  async function post(message) {
    const activity = await createActivity({ message, ttl: current.ttl });
    change(EMPTY_CRUD_DRAFT);
    activityCreated(activity);
    onPosted?.(activity);
  }

  return (
    <MessageForm
      label="Message"
      placeholder="What's happening?"
      maxLength={CRUD_MAX_LENGTH}
      onSubmit={post}
      value={current.text}
      onValueChange={(text) => change({ ...current, text })}
      extraFields={<TtlPicker value={current.ttl} onChange={(ttl) => change({ ...current, ttl })} />}
      autoFocus
    />
  );
}
