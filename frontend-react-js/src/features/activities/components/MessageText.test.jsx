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

describe('MessageText web addresses', () => {
  const webLinks = () => screen.queryAllByRole('link').filter((link) => link.getAttribute('target') === '_blank');

  it('links an https address as written, in a new tab, with rel noopener noreferrer nofollow', () => {
    const { container } = renderText('Read https://example.com/docs?q=1#part now');
    const link = screen.getByRole('link', { name: 'https://example.com/docs?q=1#part' });
    expect(link).toHaveAttribute('href', 'https://example.com/docs?q=1#part');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    // The '#part' of the address is not a hashtag of its own.
    expect(searchLinks()).toHaveLength(0);
    expect(container.textContent).toBe('Read https://example.com/docs?q=1#part now');
  });

  it('links http addresses too, and any case of the scheme', () => {
    renderText('old http://example.org and LOUD HTTPS://EXAMPLE.NET/X');
    expect(webLinks().map((link) => link.getAttribute('href'))).toEqual(['http://example.org/', 'https://example.net/X']);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['ftp://example.com/file'],
    ['mailto:someone@example.com'],
    ['//evil.example.com/path'],
    ['xhttps://example.com'],
    ['http://'],
  ])('never links %j', (text) => {
    const { container } = renderText(`click ${text} please`);
    expect(webLinks()).toHaveLength(0);
    expect(container.querySelector('a[href^="javascript"], a[href^="data"], a[href^="vbscript"]')).toBeNull();
    expect(container.textContent).toBe(`click ${text} please`);
  });

  it.each([
    ['See https://example.com.', 'https://example.com', '.'],
    ['Is it https://example.com/a?', 'https://example.com/a', '?'],
    ['(see https://example.com/a)', 'https://example.com/a', ')'],
    ['https://en.wikipedia.org/wiki/Foo_(bar), yes', 'https://en.wikipedia.org/wiki/Foo_(bar)', ', yes'],
    ['"https://example.com/q"', 'https://example.com/q', '"'],
    ['https://example.com/x!!!', 'https://example.com/x', '!!!'],
    ['https://example.com/a…', 'https://example.com/a', '…'],
  ])('in %j the address is %j and %j stays text after it', (text, url, after) => {
    const { container } = renderText(text);
    const [link] = webLinks();
    expect(link).toHaveTextContent(url);
    expect(link.nextSibling?.textContent ?? '').toMatch(new RegExp(`^${after.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(container.textContent).toBe(text);
  });

  it('links addresses, mentions and hashtags side by side', () => {
    renderText('@andrew see https://aws.amazon.com/ #aws');
    expect(screen.getByRole('link', { name: '@andrew' })).toHaveAttribute('href', '/@andrew');
    expect(screen.getByRole('link', { name: 'https://aws.amazon.com/' })).toHaveAttribute('href', 'https://aws.amazon.com/');
    expect(screen.getByRole('link', { name: '#aws' })).toHaveAttribute('href', '/search?term=%23aws');
  });

  it('keeps a mention inside an address part of the address', () => {
    renderText('https://mastodon.social/@someone');
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByRole('link')).toHaveAttribute('href', 'https://mastodon.social/@someone');
  });
});
