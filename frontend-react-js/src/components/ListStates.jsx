import { isNotBuiltYet } from '../lib/api-error';
import { ComingSoonState, ErrorState, LoadingState } from './States';

/**
 * The loading and error states of a useInfiniteList or useList list (hooks/use-list-query); renders nothing once the list is ready.
 * `feature` names the feature for the "coming soon" state shown while its endpoint is not built.
 */
export function ListStates({ list, feature }) {
  if (list.status === 'loading') return <LoadingState />;
  if (list.status !== 'error') return null;
  if (feature && isNotBuiltYet(list.error)) return <ComingSoonState feature={feature} />;
  return <ErrorState error={list.error} onRetry={list.reload} />;
}
