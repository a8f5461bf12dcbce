import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../lib/api-error';
import { countCharacters } from '../lib/text-length';
import { MessageForm } from './MessageForm';

describe('countCharacters', () => {
  it('counts after trimming, one per code point', () => {
    expect(countCharacters('  hello  ')).toBe(5);
    expect(countCharacters('   ')).toBe(0);
    expect(countCharacters('🎉ok')).toBe(3);
  });
});

describe('MessageForm character counter', () => {
  const setup = (onSubmit = vi.fn()) => {
    render(<MessageForm label="Message" maxLength={10} onSubmit={onSubmit} />);
    return { textarea: screen.getByLabelText('Message'), send: screen.getByRole('button', { name: 'Send' }), onSubmit };
  };

  it('counts live and disables Send when empty or whitespace only', async () => {
    const { textarea, send } = setup();
    expect(screen.getByText('0/10')).toBeInTheDocument();
    expect(send).toBeDisabled();
    await userEvent.type(textarea, '   ');
    expect(screen.getByText('0/10')).toBeInTheDocument();
    expect(send).toBeDisabled();
    await userEvent.type(textarea, 'hi');
    expect(screen.getByText('2/10')).toBeInTheDocument();
    expect(send).toBeEnabled();
  });

  it('marks the count and disables Send when over the limit', async () => {
    const { textarea, send } = setup();
    await userEvent.type(textarea, 'x'.repeat(10));
    expect(send).toBeEnabled();
    await userEvent.type(textarea, 'x');
    expect(screen.getByText(/11\/10/)).toHaveClass('character-counter-over');
    expect(send).toBeDisabled();
  });

  it('sends the trimmed text and clears the box', async () => {
    const { textarea, send, onSubmit } = setup(vi.fn().mockResolvedValue(undefined));
    await userEvent.type(textarea, '  hello ');
    await userEvent.click(send);
    expect(onSubmit).toHaveBeenCalledWith('hello');
    expect(textarea).toHaveValue('');
  });

  it('shows a server error for the message field next to the box and keeps the text', async () => {
    const error = new ApiError({
      status: 400,
      errors: [{ code: 'too_long', message: 'Message is too long.', field: 'message' }],
    });
    const { textarea, send } = setup(vi.fn().mockRejectedValue(error));
    await userEvent.type(textarea, 'hello');
    await userEvent.click(send);
    expect(await screen.findByText('Message is too long.')).toBeInTheDocument();
    expect(textarea).toHaveAttribute('aria-invalid', 'true');
    expect(textarea).toHaveValue('hello');
  });
});
