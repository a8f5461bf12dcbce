import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runningTimers } from '../../../lib/clock';
import { ExpiryCountdown } from './ExpiryCountdown';

const START = new Date('2026-11-27T10:00:00Z');

describe('ExpiryCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

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
    expect(screen.getByText('2m left')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(2_000));
    expect(screen.getByText('59s left')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByText('58s left')).toBeInTheDocument();
  });

  it('turns urgent in the last five minutes, and says so politely once, not every second', () => {
    const { container } = render(<ExpiryCountdown expiresAt={expiresIn(5 * 60_000 + 2_000)} />);
    const live = container.querySelector('[aria-live="polite"]');
    expect(live).toHaveTextContent('');
    expect(screen.getByText('6m')).toBeInTheDocument();
    expect(container.querySelector('.expiry')).not.toHaveClass('expiry-urgent');

    act(() => vi.advanceTimersByTime(2_000));
    expect(screen.getByText('5m left')).toBeInTheDocument();
    expect(container.querySelector('.expiry')).toHaveClass('expiry-urgent');
    expect(live).toHaveTextContent('This crud expires in less than 5 minutes.');

    // The one live region's words stay the same while the count goes on (nothing more is announced);
    // the count itself is hidden from screen readers, which read "Expires in …" with the crud.
    for (const seconds of [60, 120, 90]) {
      act(() => vi.advanceTimersByTime(seconds * 1_000));
      expect(live).toHaveTextContent('This crud expires in less than 5 minutes.');
    }
    expect(screen.getByText('30s left')).toHaveAttribute('aria-hidden', 'true');
    expect(container.querySelectorAll('[aria-live]')).toHaveLength(1);
  });

  it('shares one timer among every countdown on the page, and none once they are gone', () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    const { unmount } = render(
      <>
        {[1, 2, 3, 4, 5].map((n) => (
          <ExpiryCountdown key={n} expiresAt={expiresIn(n * 60_000)} />
        ))}
      </>,
    );
    expect(setInterval).toHaveBeenCalledTimes(1);
    expect(runningTimers()).toBe(1);
    unmount();
    expect(runningTimers()).toBe(0);
  });

  it('calls onExpire once and disappears when time is up', () => {
    const onExpire = vi.fn();
    const { container } = render(<ExpiryCountdown expiresAt={expiresIn(3_000)} onExpire={onExpire} />);
    expect(screen.getByText('3s left')).toBeInTheDocument();
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
