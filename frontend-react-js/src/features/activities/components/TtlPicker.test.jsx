import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_TTL } from '../ttl';
import { TtlPicker } from './TtlPicker';

describe('TtlPicker', () => {
  it('offers the seven API ttls with human labels, longest first', () => {
    render(<TtlPicker value={DEFAULT_TTL} onChange={() => {}} />);
    const options = screen.getAllByRole('option');
    expect(options.map((option) => option.value)).toEqual([
      '30-days', '7-days', '3-days', '1-day', '12-hours', '3-hours', '1-hour',
    ]);
    expect(options.map((option) => option.textContent)).toEqual([
      '30 days', '7 days', '3 days', '1 day', '12 hours', '3 hours', '1 hour',
    ]);
  });

  it('is labelled and shows the chosen value', () => {
    render(<TtlPicker value="3-hours" onChange={() => {}} />);
    expect(screen.getByLabelText('Expires after')).toHaveValue('3-hours');
  });

  it('reports the API value of the chosen option', async () => {
    const onChange = vi.fn();
    render(<TtlPicker value="7-days" onChange={onChange} />);
    await userEvent.selectOptions(screen.getByLabelText('Expires after'), '1 hour');
    expect(onChange).toHaveBeenCalledWith('1-hour');
  });
});
