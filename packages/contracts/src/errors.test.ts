import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, errorMessage } from './errors.ts';

/** Every file of codes, loaded by name, so a new feature's file is checked without being listed here. */
const files = await Promise.all(
  readdirSync(new URL('./errors/', import.meta.url)).filter((f) => f.endsWith('.ts'))
    .map(async (f) => [f, Object.values(await import(`./errors/${f}`))[0] as Record<string, unknown>] as const),
);

describe('error codes by feature', () => {
  it('gives every code to one file only, and the table holds them all', () => {
    const seen = new Map<string, string>();
    for (const [file, codes] of files) {
      for (const code of Object.keys(codes)) {
        expect(seen.get(code), `${code} is in ${seen.get(code)} and ${file}`).toBeUndefined();
        seen.set(code, file);
      }
    }
    expect(seen.size).toBe(Object.keys(ERRORS).length);
  });

  it('has a 4xx or 5xx status and both languages for each code', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e['zh-CN'].length, code).toBeGreaterThan(0);
      expect(e.en.length, code).toBeGreaterThan(0);
      expect(errorMessage(code as keyof typeof ERRORS, 'en').length).toBeGreaterThan(0);
    }
  });
});
