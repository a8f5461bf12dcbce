import { useEffect, useId, useState } from 'react';
import { Avatar } from '../../../components/Avatar';
import { FormError } from '../../../components/FormField';
import { AVATAR_TYPES } from '../../../config/limits';
import { avatarFileProblem, uploadAvatar } from '../avatar-upload';

const STATUS_TEXT = {
  uploading: 'Uploading…',
  processing: 'Processing your picture…',
  done: 'Your new picture is up.',
  slow: 'Your picture is still being processed. It will appear shortly.',
};

/**
 * Picks, checks, previews and uploads a new profile picture. onAvatarChanged gets the change to the profile,
 * { avatar_url } of the processed picture, once it is ready.
 */
export function AvatarPicker({ profile, onAvatarChanged }) {
  const inputId = useId();
  const [preview, setPreview] = useState(null);
  const [status, setStatus] = useState('idle');
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState(null);
  const busy = status === 'uploading' || status === 'processing';

  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);

  async function choose(event) {
    const file = event.target.files?.[0];
    event.target.value = ''; // so choosing the same file again is a change too
    if (!file) return;
    const problem = avatarFileProblem(file);
    setError(problem);
    if (problem) return;
    setPreview(URL.createObjectURL(file));
    setProgress(0);
    setStatus('uploading');
    try {
      const avatarUrl = await uploadAvatar(file, {
        onProgress: setProgress,
        onUploaded: () => setStatus('processing'),
      });
      setStatus(avatarUrl ? 'done' : 'slow');
      if (avatarUrl) {
        setPreview(null); // the processed avatar takes the preview's place
        onAvatarChanged({ avatar_url: avatarUrl });
      }
    } catch (uploadError) {
      setError(uploadError.message);
      setStatus('idle');
      setPreview(null);
    }
  }

  return (
    <div className="avatar-picker">
      {preview ? (
        <img className="avatar" src={preview} alt="Your new picture" width={80} height={80} />
      ) : (
        <Avatar url={profile.avatar_url} name={profile.display_name} handle={profile.handle} size={80} />
      )}
      <div className="field avatar-picker-controls">
        <label htmlFor={inputId}>Profile picture</label>
        <input id={inputId} type="file" accept={AVATAR_TYPES.join(',')} onChange={choose} disabled={busy} aria-describedby={`${inputId}-hint`} />
        <p id={`${inputId}-hint`} className="field-hint">
          JPEG, PNG or WebP, up to 5 MB. It is cropped to a square.
        </p>
        {status === 'uploading' && <progress max={1} value={progress} aria-label="Upload progress" />}
        {STATUS_TEXT[status] && <p role="status">{STATUS_TEXT[status]}</p>}
        <FormError message={error} />
      </div>
    </div>
  );
}
