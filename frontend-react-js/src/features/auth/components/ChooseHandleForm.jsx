import { FormError } from '../../../components/FormField';
import { claimHandle } from '../api/handles';
import { useAuthForm } from '../hooks/use-auth-form';
import { handleTakenMessage, useHandleAvailability } from '../hooks/use-handle-availability';
import { validateHandle } from '../validation';
import { HandleField } from './HandleField';

/**
 * Claims another username for the signed-in account; onClaimed gets the account's Profile. onAlreadyHasHandle
 * is called when the account got one meanwhile (in another tab, say).
 */
export function ChooseHandleForm({ onClaimed, onAlreadyHasHandle }) {
  const form = useAuthForm({ handle: '' }, { handle: validateHandle });
  const handleAvailability = useHandleAvailability(form.values.handle);

  async function claim({ handle }) {
    if ((await handleAvailability.confirm()) === 'taken') throw new Error(handleTakenMessage(handle));
    let profile;
    try {
      profile = await claimHandle(handle);
    } catch (error) {
      // Someone claimed it between the check and the click.
      if (error.code === 'handle_taken') {
        handleAvailability.markTaken(handle);
        throw new Error(handleTakenMessage(handle), { cause: error });
      }
      if (error.code === 'handle_already_set') {
        await onAlreadyHasHandle();
        return;
      }
      throw error;
    }
    await onClaimed(profile);
  }

  return (
    <form onSubmit={form.submit(claim)} noValidate>
      <HandleField availabilityStatus={handleAvailability.status} {...form.bind('handle')} />
      <FormError message={form.formError} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>
        {form.submitting ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
