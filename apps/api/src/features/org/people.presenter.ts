import type { ResidentView } from '@gongzhi/contracts';
import type { ResidentTag } from '@gongzhi/core';
import { ageOn } from './resident.pii.ts';

/** A resident row (masked columns only) as it leaves the server, with their age on `today` (the request's clock). */
export function presentResident(r: {
  id: string; householdId: string; regionId: string; regionName: string; name: string; gender: 'male' | 'female' | null;
  birthDate: string | null; idNumber: string | null; phone: string | null; relation: string; tags: ResidentTag[]; address: string;
}, today: Date): ResidentView {
  return { ...r, age: ageOn(r.birthDate, today) };
}
