import { describe, expect, it } from 'vitest';
import { formatArea, shorten } from './labels.ts';

describe('formatArea', () => {
  it('formats integer hundredths of a m² without float arithmetic', () => {
    expect(formatArea(8532)).toBe('85.32');
    expect(formatArea(5)).toBe('0.05');
    expect(formatArea(123450)).toBe('1,234.50');
  });
});

describe('shorten', () => {
  it('keeps short values and cuts long ones with an ellipsis', () => {
    expect(shorten('abc', 8)).toBe('abc');
    expect(shorten('0123456789', 4)).toBe('0123…');
    expect(shorten(null)).toBe('');
  });
});
