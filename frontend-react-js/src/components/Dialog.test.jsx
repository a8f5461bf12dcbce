import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

describe('Dialog', () => {
  it('names each of two dialogs on one page by its own title', () => {
    render(
      <>
        <Dialog open onClose={vi.fn()} title="New crud">
          <p>composer</p>
        </Dialog>
        <Dialog open onClose={vi.fn()} title="Edit profile">
          <p>profile form</p>
        </Dialog>
      </>,
    );
    const composer = screen.getByRole('dialog', { name: 'New crud' });
    const editProfile = screen.getByRole('dialog', { name: 'Edit profile' });
    expect(composer).toHaveTextContent('composer');
    expect(editProfile).toHaveTextContent('profile form');
    expect(composer.getAttribute('aria-labelledby')).not.toBe(editProfile.getAttribute('aria-labelledby'));
  });

  it('focuses the field marked data-autofocus once open, not the Close button', () => {
    render(
      <Dialog open onClose={vi.fn()} title="New crud">
        <label>
          Message <textarea data-autofocus />
        </label>
      </Dialog>,
    );
    expect(screen.getByLabelText('Message')).toHaveFocus();
  });
});
