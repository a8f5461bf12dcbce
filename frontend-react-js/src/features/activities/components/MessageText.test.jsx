import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { MessageText } from './MessageText';

// The cases the API's tests read too, so both sides agree on what a hashtag is.
const HASHTAG_CASES_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../backend-flask/tests/data/hashtag_cases.json',
);
const { cases: hashtagCases } = JSON.parse(readFileSync(HASHTAG_CASES_PATH, 'utf8'));

function renderText(text) {
  return render(
    <MemoryRouter>
      <MessageText text={text} />
    </MemoryRouter>,
  );
}

const searchLinks = () => screen.queryAllByRole('link').filter((link) => link.getAttribute('href').startsWith('/search?'));

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

  it.each(hashtagCases.map((hashtagCase) => [hashtagCase.text, hashtagCase.written]))(
    'links the hashtags of %j as written: %j',
    (text, written) => {
      const { container } = renderText(text);
      const links = searchLinks();
      expect(links.map((link) => link.textContent)).toEqual(written);
      for (const link of links) {
        expect(link).toHaveAttribute('href', `/search?${new URLSearchParams({ term: link.textContent })}`);
      }
      expect(container.textContent).toBe(text);
    },
  );

  it('links a unicode hashtag whole next to a mention', () => {
    renderText('#café with @andrew');
    expect(screen.getByRole('link', { name: '#café' })).toHaveAttribute('href', '/search?term=%23caf%C3%A9');
    expect(screen.getByRole('link', { name: '@andrew' })).toHaveAttribute('href', '/@andrew');
  });
});
