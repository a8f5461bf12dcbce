import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followThemeChanges, THEME_KEY } from '../lib/theme';
import { ThemeSwitch } from './ThemeSwitch';

/** The system's colour scheme, behind window.matchMedia (the test DOM has no live one): `set('light')` changes it live. */
function fakeSystemScheme(initial) {
  let scheme = initial;
  const listeners = new Set();
  vi.stubGlobal('matchMedia', (query) => ({
    media: query,
    get matches() {
      return query === '(prefers-color-scheme: light)' ? scheme === 'light' : scheme === 'dark';
    },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
  }));
  return {
    set(next) {
      scheme = next;
      listeners.forEach((listener) => listener());
    },
  };
}

const theme = () => document.documentElement.dataset.theme;
let stopFollowing = () => {};

beforeEach(() => {
  delete document.documentElement.dataset.theme;
});

afterEach(() => {
  stopFollowing();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

function renderSwitch() {
  stopFollowing = followThemeChanges();
  render(<ThemeSwitch />);
  return screen.getByRole('combobox', { name: 'Theme' });
}

describe('the theme switch', () => {
  it('starts on System and follows the system setting, also when it changes', () => {
    const system = fakeSystemScheme('light');
    const select = renderSwitch();
    expect(select).toHaveValue('system');
    expect(theme()).toBe('light');
    act(() => system.set('dark'));
    expect(theme()).toBe('dark');
  });

  it('is dark when the system states no preference', () => {
    fakeSystemScheme('no-preference');
    renderSwitch();
    expect(theme()).toBe('dark');
  });

  it('applies and remembers Light or Dark, which then ignore the system; System forgets the choice', async () => {
    const system = fakeSystemScheme('dark');
    const user = userEvent.setup();
    const select = renderSwitch();

    await user.selectOptions(select, 'Light');
    expect(theme()).toBe('light');
    expect(window.localStorage.getItem(THEME_KEY)).toBe('light');
    act(() => system.set('dark'));
    expect(theme()).toBe('light');

    await user.selectOptions(select, 'Dark');
    expect(theme()).toBe('dark');
    expect(window.localStorage.getItem(THEME_KEY)).toBe('dark');

    await user.selectOptions(select, 'System');
    expect(window.localStorage.getItem(THEME_KEY)).toBeNull();
    act(() => system.set('light'));
    expect(theme()).toBe('light');
  });

  it('shows and applies the choice remembered from an earlier visit', () => {
    fakeSystemScheme('light');
    window.localStorage.setItem(THEME_KEY, 'dark');
    const select = renderSwitch();
    expect(select).toHaveValue('dark');
    expect(theme()).toBe('dark');
  });

  it('follows a choice made in another tab', () => {
    fakeSystemScheme('dark');
    renderSwitch();
    window.localStorage.setItem(THEME_KEY, 'light');
    act(() => window.dispatchEvent(new StorageEvent('storage', { key: THEME_KEY, newValue: 'light' })));
    expect(theme()).toBe('light');
  });
});
