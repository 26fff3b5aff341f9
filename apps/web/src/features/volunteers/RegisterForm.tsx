import { Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MyVolunteer } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { skillsQuery, volunteerKeys } from './volunteers.queries.ts';

const PARTS = ['morning', 'afternoon', 'evening'] as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

interface Values { skills: string[]; skillsOther?: string; availability: string[]; teamIds: string[] }

/** The sign-up form (also to change one's details): skills, free time as weekday × part of day, teams. */
export function RegisterForm({ me, onDone }: { me: MyVolunteer; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { data: skills } = useQuery(skillsQuery());
  const reg = me.registration;
  const saving = useApiMutation<Values, unknown>({
    mutationFn: (v) => unwrap(gz.POST('/api/v1/volunteers/me', { body: {
      skills: v.skills ?? [], skillsOther: v.skillsOther?.trim() ?? '', teamIds: v.teamIds ?? [], serviceAreas: reg?.serviceAreas ?? [],
      availability: (v.availability ?? []).map((s) => { const [d, p] = s.split(':'); return { weekday: Number(d), part: p as (typeof PARTS)[number] }; }),
    } })),
    invalidates: [volunteerKeys.all],
    onSuccess: onDone,
    form,
  });
  const zh = i18n.language !== 'en';
  return (
    <Form form={form} layout="vertical" data-testid="volunteer-register-form" onFinish={(v) => saving.mutate(v)}
      initialValues={{
        skills: reg?.skills ?? [], skillsOther: reg?.skillsOther ?? '', teamIds: reg?.teams.map((x) => x.id) ?? [],
        availability: reg?.availability.map((s) => `${s.weekday}:${s.part}`) ?? [],
      }}>
      <Form.Item label={t('volunteers.my.name')}><Input value={me.name ?? ''} disabled /></Form.Item>
      <Form.Item name="skills" label={t('volunteers.form.skills')}>
        <Checkbox.Group data-testid="volunteer-skills">
          <Space wrap>{(skills ?? []).map((s) => <Checkbox key={s.code} value={s.code}>{zh ? s.labelZh : s.labelEn}</Checkbox>)}</Space>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="skillsOther" label={t('volunteers.form.skillsOther')}><Input maxLength={200} /></Form.Item>
      <Form.Item name="availability" label={t('volunteers.form.availability')}>
        <Select mode="multiple" aria-label={t('volunteers.form.availability')} data-testid="volunteer-availability"
          options={WEEKDAYS.flatMap((d) => PARTS.map((p) => ({ value: `${d}:${p}`, label: `${t(`volunteers.weekdays.w${d}`)}${t(`volunteers.parts.${p}`)}` })))} />
      </Form.Item>
      {me.teams.length > 0 && (
        <Form.Item name="teamIds" label={t('volunteers.form.teams')}>
          <Checkbox.Group><Space wrap>{me.teams.map((x) => <Checkbox key={x.id} value={x.id}>{x.name}</Checkbox>)}</Space></Checkbox.Group>
        </Form.Item>
      )}
      <Button type="primary" size="large" htmlType="submit" block loading={saving.isPending} data-testid="volunteer-submit">{t('volunteers.my.submit')}</Button>
    </Form>
  );
}
