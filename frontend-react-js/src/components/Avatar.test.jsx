import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Avatar } from './Avatar';

const AVATAR = 'http://assets.test/avatars/u1/abc-512.webp';
const pictureIn = (container) => container.querySelector('img');

describe('Avatar', () => {
  it('shows the 128 px picture up to 64 px and the 512 px one above', () => {
    expect(pictureIn(render(<Avatar url={AVATAR} name="Ana" size={40} />).container)).toHaveAttribute(
      'src',
      'http://assets.test/avatars/u1/abc-128.webp',
    );
    expect(pictureIn(render(<Avatar url={AVATAR} name="Ana" size={112} />).container)).toHaveAttribute('src', AVATAR);
  });

  it('shows initials when there is no picture or it fails to load', () => {
    const { container } = render(<Avatar url={AVATAR} name="Ana Bell" handle="ana" size={40} />);
    fireEvent.error(pictureIn(container));
    expect(pictureIn(container)).toBeNull();
    expect(screen.getByText('AB')).toBeInTheDocument();
    render(<Avatar url={null} name="Cat" handle="cat" />);
    expect(screen.getByText('CA')).toBeInTheDocument();
  });
});
