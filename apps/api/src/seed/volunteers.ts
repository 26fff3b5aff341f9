import { sql } from 'drizzle-orm';
import { addDays, chinaDay } from '@gongzhi/core';
import type { Tx } from '../platform/db/client.ts';
import { newId } from '../platform/db/columns.ts';
import { DEFAULT_SKILLS } from '../features/volunteers/volunteers.policy.ts';
import { Rng } from './random.ts';

const TASKS = ['陪伴独居老人聊天', '社区环境清洁', '周末课业辅导', '防诈骗宣传', '疫苗接种引导', '垃圾分类督导', '重阳节敬老活动', '老年人智能手机教学'];
const SLOTS = [['09:00', '11:00'], ['14:00', '16:30'], ['19:00', '20:30'], ['08:30', '11:30']] as const;

/**
 * Demo volunteers (demo data, not real people) in 望平社区: the skill list, two teams, a dozen
 * verified volunteers with half a year of approved service (recorded by the community worker,
 * approved by the secretary), a few records waiting for review and two registrations waiting for
 * verification. The demo resident and owner (13, 14) are left unregistered, so they can sign up.
 */
export async function seedVolunteers(tx: Tx, now = new Date()): Promise<void> {
  await tx.execute(sql`INSERT INTO volunteer_skills (code, label_zh, label_en, sort) VALUES ${sql.join(
    DEFAULT_SKILLS.map((s, i) => sql`(${s.code}, ${s.labelZh}, ${s.labelEn}, ${i + 1})`), sql`, `)} ON CONFLICT DO NOTHING`);
  const [community] = (await tx.execute<{ id: string; code: string; district_code: string }>(sql`SELECT id, code, district_code FROM regions WHERE code = '510108001001'`)).rows;
  const staff = (await tx.execute<{ id: string; name: string; role: string }>(sql`SELECT u.id, u.name, ra.role FROM users u JOIN role_assignments ra ON ra.user_id = u.id
    WHERE ra.region_path = '510108001001' AND ra.role IN ('community_worker', 'community_secretary')`)).rows;
  const worker = staff.find((s) => s.role === 'community_worker');
  const secretary = staff.find((s) => s.role === 'community_secretary');
  if (!community || !worker || !secretary) return;
  const people = (await tx.execute<{ id: string; region_path: string }>(sql`SELECT r.id, r.region_path FROM residents r
    WHERE r.region_path LIKE '510108001001%' AND r.moved_out_at IS NULL AND r.birth_date < '2006-01-01'
      AND r.id NOT IN (SELECT resident_id FROM users WHERE resident_id IS NOT NULL) ORDER BY r.id LIMIT 14`)).rows;
  const rng = new Rng(1017);
  const teams = [{ id: newId(), name: '望平助老服务队' }, { id: newId(), name: '望平环保志愿队' }];
  const today = chinaDay(now);
  const volunteerIds: string[] = [];
  for (const [i, p] of people.entries()) {
    const id = newId();
    const verified = i < 12;
    const skills = [DEFAULT_SKILLS[i % DEFAULT_SKILLS.length]!.code, DEFAULT_SKILLS[(i * 3 + 1) % DEFAULT_SKILLS.length]!.code];
    await tx.execute(sql`INSERT INTO volunteers (id, resident_id, region_path, district_code, skills, availability, status, decided_by, decided_at)
      VALUES (${id}, ${p.id}, ${p.region_path}, ${community.district_code}, ARRAY[${sql.join([...new Set(skills)].map((s) => sql`${s}`), sql`, `)}]::text[],
        ${JSON.stringify([{ weekday: 6, part: 'morning' }, { weekday: 1 + (i % 5), part: 'evening' }])}::jsonb,
        ${verified ? 'verified' : 'pending'}, ${verified ? worker.id : null}, ${verified ? now : null})`);
    if (verified) volunteerIds.push(id);
  }
  for (const [t, team] of teams.entries()) {
    await tx.execute(sql`INSERT INTO volunteer_teams (id, region_id, region_path, district_code, name, leader_volunteer_id)
      VALUES (${team.id}, ${community.id}, ${community.code}, ${community.district_code}, ${team.name}, ${volunteerIds[t] ?? null})`);
    const members = volunteerIds.filter((_, i) => i % 2 === t);
    if (members.length) await tx.execute(sql`INSERT INTO volunteer_team_members (team_id, volunteer_id) VALUES ${sql.join(members.map((m) => sql`(${team.id}, ${m})`), sql`, `)}`);
  }
  for (const [i, vid] of volunteerIds.entries()) {
    const person = people[i]!;
    const n = 3 + rng.int(0, 8);
    for (let k = 0; k < n; k++) {
      const day = addDays(today, -(1 + rng.int(0, 180)));
      const [start, end] = SLOTS[rng.int(0, SLOTS.length - 1)]!;
      const startsAt = new Date(`${day}T${start}:00+08:00`);
      const endsAt = new Date(`${day}T${end}:00+08:00`);
      const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
      // The latest record of the first three volunteers waits in the review queue.
      const pending = k === 0 && i < 3;
      await tx.execute(sql`INSERT INTO volunteer_service_records (id, volunteer_id, resident_id, region_path, district_code, title, service_day, starts_at, ends_at,
        minutes, source, status, recorded_by, recorded_by_name, reviewed_by, reviewed_at)
        VALUES (${newId()}, ${vid}, ${person.id}, ${person.region_path}, ${community.district_code}, ${TASKS[rng.int(0, TASKS.length - 1)]!}, ${day}, ${startsAt}, ${endsAt},
          ${minutes}, 'organiser', ${pending ? 'pending' : 'approved'}, ${worker.id}, ${worker.name}, ${pending ? null : secretary.id}, ${pending ? null : endsAt})`);
    }
  }
}
