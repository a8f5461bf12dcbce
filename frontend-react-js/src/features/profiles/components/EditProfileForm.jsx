import { useState } from 'react';
import { FormError, FormField } from '../../../components/FormField';
import { CharacterCounter } from '../../../components/CharacterCounter';
import { countCharacters } from '../../../lib/text-length';
import { updateProfile } from '../api/profiles';
import { BIO_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH } from '../../../config/limits';
import { AvatarPicker } from './AvatarPicker';

export function EditProfileForm({ profile, onSaved, onAvatarChanged }) {
  const [displayName, setDisplayName] = useState(profile.display_name);
  const [bio, setBio] = useState(profile.bio || '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState(null);

  const nameLength = countCharacters(displayName);
  const valid = nameLength >= 1 && nameLength <= DISPLAY_NAME_MAX_LENGTH && countCharacters(bio) <= BIO_MAX_LENGTH;

  async function save(event) {
    event.preventDefault();
    if (!valid) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await updateProfile({ displayName: displayName.trim(), bio: bio.trim() }));
    } catch (saveError) {
      setError(saveError);
      setSaving(false);
    }
  }

  const fieldErrors = error?.fieldErrors || {};
  const generalError = error && !fieldErrors.display_name && !fieldErrors.bio ? error.message : null;

  return (
    <form className="edit-profile-form" onSubmit={save}>
      <AvatarPicker profile={profile} onAvatarChanged={onAvatarChanged} />
      <FormField
        label="Display name"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={fieldErrors.display_name || (nameLength === 0 ? 'Your display name cannot be empty.' : null)}
        hint={<CharacterCounter text={displayName} max={DISPLAY_NAME_MAX_LENGTH} />}
        required
      />
      <FormField
        as="textarea"
        label="Bio"
        rows={3}
        value={bio}
        onChange={(event) => setBio(event.target.value)}
        error={fieldErrors.bio}
        hint={<CharacterCounter text={bio} max={BIO_MAX_LENGTH} />}
      />
      <FormError message={generalError} />
      <button type="submit" className="button button-primary" disabled={!valid || saving}>
        {saving ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
