import { FormField } from '../../../components/FormField';
import { handleAvailabilityMessage } from '../hooks/use-handle-availability';

/** The Username field, with whether the typed username is free announced under it. */
export function HandleField({ availabilityStatus, ...fieldProps }) {
  return (
    <FormField
      label="Username"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      hint="3–20 lowercase letters, numbers or underscores. People find you as @username."
      liveMessage={handleAvailabilityMessage(fieldProps.value, availabilityStatus)}
      {...fieldProps}
    />
  );
}
