import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MediaGrid } from './MediaGrid';

const photo = (n, fields = {}) => ({
  uuid: `0c0c0c0c-0000-4000-8000-00000000000${n}`,
  status: 'ready',
  url: `https://media.test/${n}.webp?Expires=1`,
  preview_url: `https://media.test/${n}-640.webp?Expires=1`,
  width: 1600,
  height: 1200,
  alt: `Photo number ${n}`,
  reason: null,
  ...fields,
});

const grid = () => screen.getAllByRole('button', { name: /Photo/ });
const viewer = () => screen.getByRole('dialog', { hidden: true });

describe('MediaGrid', () => {
  it('shows each photo with its alt text and size known before it loads, lazily unless asked not to', () => {
    const { rerender } = render(<MediaGrid media={[photo(1), photo(2, { alt: '' })]} />);
    const images = grid().map((button) => within(button).getByRole('img'));
    expect(images.map((image) => image.getAttribute('alt'))).toEqual(['Photo number 1', 'Photo without a description']);
    for (const image of images) {
      expect(image).toHaveAttribute('width', '1600');
      expect(image).toHaveAttribute('height', '1200');
      expect(image).toHaveAttribute('loading', 'lazy');
    }
    expect(images[0]).toHaveAttribute('src', photo(1).preview_url);

    rerender(<MediaGrid media={[photo(1)]} lazy={false} />);
    expect(screen.getByRole('img', { name: 'Photo number 1' })).toHaveAttribute('loading', 'eager');
  });

  it('lays a single photo out at its own shape, within bounds', () => {
    const { container, rerender } = render(<MediaGrid media={[photo(1, { width: 600, height: 300 })]} />);
    expect(container.querySelector('.media-grid').style.aspectRatio).toBe('2 / 1');
    rerender(<MediaGrid media={[photo(1, { width: 100, height: 1000 })]} />);
    expect(container.querySelector('.media-grid').style.aspectRatio).toBe('0.75 / 1');
  });

  it('shows only ready photos, and nothing when there are none', () => {
    const { container, rerender } = render(<MediaGrid media={[photo(1), photo(2, { status: 'processing', url: null })]} />);
    expect(grid()).toHaveLength(1);
    rerender(<MediaGrid media={[]} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('opens the viewer at the photo chosen from the keyboard; arrows move round, Escape closes and the focus returns', async () => {
    const user = userEvent.setup();
    render(<MediaGrid media={[photo(1), photo(2), photo(3)]} />);

    await user.tab();
    await user.tab();
    expect(grid()[1]).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(viewer()).toHaveAttribute('open');
    expect(within(viewer()).getByRole('heading')).toHaveTextContent('Photo 2 of 3');
    expect(within(viewer()).getByRole('img')).toHaveAttribute('src', photo(2).url);
    expect(within(viewer()).getByText('Photo number 2')).toBeInTheDocument();

    await user.keyboard('{ArrowRight}');
    expect(within(viewer()).getByRole('heading')).toHaveTextContent('Photo 3 of 3');
    await user.keyboard('{ArrowRight}');
    expect(within(viewer()).getByRole('img')).toHaveAccessibleName('Photo number 1');
    await user.keyboard('{ArrowLeft}');
    expect(within(viewer()).getByRole('heading')).toHaveTextContent('Photo 3 of 3');
    await user.click(within(viewer()).getByRole('button', { name: 'Previous photo' }));
    expect(within(viewer()).getByRole('heading')).toHaveTextContent('Photo 2 of 3');

    await user.keyboard('{Escape}');
    expect(viewer()).not.toHaveAttribute('open');
    expect(grid()[1]).toHaveFocus();
  });
});
