import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNewMessages } from './use-new-messages';

describe('useNewMessages', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls the newest page on an interval and stops when disabled', async () => {
    const fetchNewest = vi.fn().mockResolvedValue({ items: [{ uuid: 'm1' }] });
    const onPage = vi.fn();
    const { rerender } = renderHook(({ enabled }) => useNewMessages(fetchNewest, onPage, enabled, 1000), {
      initialProps: { enabled: true },
    });

    expect(fetchNewest).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(onPage).toHaveBeenCalledWith([{ uuid: 'm1' }]);
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(fetchNewest).toHaveBeenCalledTimes(2);

    rerender({ enabled: false });
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(fetchNewest).toHaveBeenCalledTimes(2);
  });

  it('keeps polling after a failed poll', async () => {
    const fetchNewest = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ items: [] });
    const onPage = vi.fn();
    renderHook(() => useNewMessages(fetchNewest, onPage, true, 1000));

    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(onPage).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(onPage).toHaveBeenCalledWith([]);
  });
});
