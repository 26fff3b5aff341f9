import { describe, expect, it } from 'vitest';
import { CATEGORIES, DEPARTMENTS, MATTERS, MATTER_LABELS, SLA_DEFAULTS, WORKDAY_HOURS, categoryByCode } from './categories.ts';

describe('the default service catalogue', () => {
  it('has about thirty categories with unique codes and names in both languages', () => {
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(20);
    expect(CATEGORIES.length).toBeLessThanOrEqual(31);
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(CATEGORIES.length);
    for (const c of CATEGORIES) {
      expect(c.code).toMatch(/^[a-z][a-z_]*$/);
      expect(c.name['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(c.name.en).toMatch(/^[A-Z]/);
    }
  });

  it('covers every matter class', () => {
    for (const m of MATTERS) expect(CATEGORIES.some((c) => c.matter === m)).toBe(true);
    for (const m of MATTERS) expect(MATTER_LABELS[m]['zh-CN']).toHaveLength(2);
  });

  it('gives a department to big matters only', () => {
    const departments = new Set<string>(Object.values(DEPARTMENTS).map((d) => d.code));
    for (const c of CATEGORIES) {
      if (c.matter === 'big') expect(departments.has(c.department!.code)).toBe(true);
      else expect(c.department).toBeUndefined();
    }
  });

  it('applies the Beijing 12345 time limits', () => {
    for (const c of CATEGORIES) {
      expect(c.respondHours).toBe(2);
      expect({ respondHours: c.respondHours, resolveHours: c.resolveHours, workingTime: c.workingTime }).toEqual(SLA_DEFAULTS[c.sla]);
    }
    expect(SLA_DEFAULTS.emergency).toEqual({ respondHours: 2, resolveHours: 2, workingTime: false });
    expect(SLA_DEFAULTS.utility).toEqual({ respondHours: 2, resolveHours: 24, workingTime: false });
    expect(SLA_DEFAULTS.general).toEqual({ respondHours: 2, resolveHours: 7 * WORKDAY_HOURS, workingTime: true });
    expect(SLA_DEFAULTS.complex).toEqual({ respondHours: 2, resolveHours: 15 * WORKDAY_HOURS, workingTime: true });
    expect(categoryByCode('utilities')).toMatchObject({ sla: 'utility', resolveHours: 24, workingTime: false });
    expect(categoryByCode('public_security')).toMatchObject({ sla: 'emergency', resolveHours: 2, workingTime: false });
  });

  it('looks categories up by code', () => {
    expect(categoryByCode('municipal')?.department).toEqual({ code: 'shizheng', name: '市政' });
    expect(categoryByCode('nope')).toBeUndefined();
  });
});
