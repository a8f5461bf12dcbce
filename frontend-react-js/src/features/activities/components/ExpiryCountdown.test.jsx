import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpiryCountdown } from './ExpiryCountdown';

const START = new Date('2026-11-27T10:00:00Z');

describe('ExpiryCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  const expiresIn = (ms) => new Date(START.getTime() + ms).toISOString();

  it('shows the time left in the largest unit, rounded up', () => {
    render(<ExpiryCountdown expiresAt={expiresIn(29 * 60_000 + 30_000)} />);
    expect(screen.getByText('30m')).toBeInTheDocument();
    expect(screen.getByText('Expires in 30 minutes')).toBeInTheDocument();
  });

  it('shows days and hours for long-lived cruds', () => {
    const { unmount } = render(<ExpiryCountdown expiresAt={expiresIn(7 * 24 * 3_600_000)} />);
    expect(screen.getByText('7d')).toBeInTheDocument();
    unmount();
    render(<ExpiryCountdown expiresAt={expiresIn(3 * 3_600_000)} />);
    expect(screen.getByText('3h')).toBeInTheDocument();
  });

  it('ticks every second and switches to seconds in the last minute', () => {
    render(<ExpiryCountdown expiresAt={expiresIn(61_000)} />);
    expect(screen.getByText('2m')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(2_000));
    expect(screen.getByText('59s')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByText('58s')).toBeInTheDocument();
  });

  it('calls onExpire once and disappears when time is up', () => {
    const onExpire = vi.fn();
    const { container } = render(<ExpiryCountdown expiresAt={expiresIn(3_000)} onExpire={onExpire} />);
    expect(screen.getByText('3s')).toBeInTheDocument();
    expect(onExpire).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(3_000));
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(container).toBeEmptyDOMElement();
    act(() => vi.advanceTimersByTime(5_000));
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('expires at once for a crud that is already past its time', () => {
    const onExpire = vi.fn();
    const { container } = render(<ExpiryCountdown expiresAt={expiresIn(-1)} onExpire={onExpire} />);
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(container).toBeEmptyDOMElement();
  });
});
