import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { MessageText } from './MessageText';

function renderText(text) {
  return render(
    <MemoryRouter>
      <MessageText text={text} />
    </MemoryRouter>,
  );
}

describe('MessageText', () => {
  it('links hashtags to search and mentions to profiles', () => {
    renderText('Shipping #AWS with @Andrew today');
    expect(screen.getByRole('link', { name: '#AWS' })).toHaveAttribute('href', '/search?term=%23AWS');
    expect(screen.getByRole('link', { name: '@Andrew' })).toHaveAttribute('href', '/@andrew');
    expect(screen.getByText(/Shipping/).textContent).toBe('Shipping #AWS with @Andrew today');
  });

  it('leaves emails and too-short handles as text', () => {
    renderText('write to me@example.com or @ab');
    expect(screen.queryAllByRole('link')).toHaveLength(0);
  });
});
