import type { ResidentTag, Tenure } from '@gongzhi/core';
import type { Rng } from './random.ts';
import { personName } from './names.ts';

/** A generated person before sealing: plain ID and phone, to be encrypted by the loader. */
export interface PersonSeed {
  name: string; gender: 'male' | 'female'; birthDate: string; relation: string; phone: string | null; tags: ResidentTag[];
}

type Kind = 'elderly_alone' | 'elderly_couple' | 'couple' | 'family3' | 'family4' | 'three_gen' | 'single';
const KINDS: [Kind, number][] = [
  ['elderly_alone', 10], ['elderly_couple', 14], ['couple', 14], ['family3', 30], ['family4', 14], ['three_gen', 10], ['single', 8],
];

function birth(rng: Rng, age: number, today: Date): string {
  const y = today.getUTCFullYear() - age - 1;
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function phone(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

/**
 * The members of one household: a plausible mix of elderly living alone, couples, families and
 * three generations, with ages, relations, phones and care/participation tags.
 */
export function householdMembers(rng: Rng, tenure: Tenure, today: Date): PersonSeed[] {
  const kind = rng.weighted(KINDS);
  const people: PersonSeed[] = [];
  const add = (relation: string, gender: 'male' | 'female', age: number, surname?: string) => {
    const birthDate = birth(rng, age, today);
    const p: PersonSeed = {
      name: personName(rng, gender, Number(birthDate.slice(0, 4)), surname), gender, birthDate, relation,
      phone: age >= 16 && rng.chance(age > 80 ? 0.5 : 0.95) ? phone(rng) : null, tags: [],
    };
    people.push(p);
    return p;
  };
  const g = (): 'male' | 'female' => (rng.chance(0.5) ? 'male' : 'female');
  const other = (x: 'male' | 'female') => (x === 'male' ? 'female' : 'male');
  const headGender = g();
  const surname = (p: PersonSeed) => p.name.slice(0, p.name.length > 3 ? 2 : 1);
  switch (kind) {
    case 'elderly_alone': add('户主', headGender, rng.int(65, 92)); break;
    case 'elderly_couple': { const h = add('户主', headGender, rng.int(62, 88)); add('配偶', other(headGender), rng.int(60, 86)); void h; break; }
    case 'couple': add('户主', headGender, rng.int(25, 58)); add('配偶', other(headGender), rng.int(24, 58)); break;
    case 'single': add('户主', headGender, rng.int(22, 45)); break;
    case 'family3':
    case 'family4': {
      const h = add('户主', 'male', rng.int(30, 52));
      add('配偶', 'female', rng.int(28, 50));
      for (let i = 0; i < (kind === 'family3' ? 1 : 2); i++) add('子女', g(), rng.int(1, 22), surname(h));
      break;
    }
    case 'three_gen': {
      const h = add('户主', 'male', rng.int(33, 50));
      add('配偶', 'female', rng.int(31, 48));
      add('子女', g(), rng.int(2, 16), surname(h));
      add('父母', 'female', rng.int(62, 85), surname(h));
      if (rng.chance(0.5)) add('父母', 'male', rng.int(64, 87), surname(h));
      break;
    }
  }
  for (const p of people) {
    const age = today.getUTCFullYear() - Number(p.birthDate.slice(0, 4));
    const tag = (t: ResidentTag, when: boolean) => { if (when) p.tags.push(t); };
    tag('elderly', age >= 60);
    tag('elderly_alone', age >= 60 && people.length === 1);
    tag('child', age < 18);
    tag('disabled', rng.chance(age >= 60 ? 0.05 : 0.015));
    tag('low_income', rng.chance(0.03));
    tag('party_member', age >= 18 && rng.chance(age >= 60 ? 0.14 : 0.07));
    tag('volunteer', age >= 16 && age < 75 && rng.chance(0.1));
    tag('veteran', p.gender === 'male' && age >= 22 && rng.chance(0.03));
    tag('floating', tenure === 'tenant' && age >= 18 && rng.chance(0.5));
    tag('key_care', p.tags.includes('elderly_alone') && (p.tags.includes('disabled') || age >= 80));
  }
  return people;
}
