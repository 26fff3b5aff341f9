import { useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useSignedIn } from '../../shell/session.tsx';
import { activityKeys, categoriesQuery } from './activities.queries.ts';

interface Values {
  title: string; description?: string; regionId: string; address: string; organiserName: string; startsAt: string; endsAt: string; capacity: number;
  categoryCode: string; audience: 'anyone' | 'residents' | 'volunteers' | 'party_members'; creditsHours?: boolean; maxCreditedMinutes: number; cancelUntilMinutes: number;
}

/** The organiser's "发起活动" dialog; times are wall-clock China time whatever the browser's zone. */
export function NewActivityModal() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const session = useSignedIn();
  const menu = useQuery(categoriesQuery());
  const home = session.grants.find((g) => g.regionId)?.regionId ?? undefined;
  const submit = (v: Values) => unwrap(gz.POST('/api/v1/activities', { body: {
    ...v, description: v.description ?? '', creditsHours: Boolean(v.creditsHours), organiserKind: 'community',
    startsAt: `${v.startsAt}:00+08:00`, endsAt: `${v.endsAt}:00+08:00`,
  } }));
  const name = (c: { nameZh: string; nameEn: string }) => (i18n.language === 'en' ? c.nameEn : c.nameZh);
  const groups = (menu.data ?? []).filter((c) => !c.parentCode);
  const required = [{ required: true, message: t('activities.form.required') }];
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="activity-new">{t('activities.organiser.create')}</Button>
      {open && (
        <ModalForm<Values, { id: string }> title={t('activities.organiser.create')} onClose={() => setOpen(false)} submit={submit} invalidates={[activityKeys.all]}
          onDone={(a) => navigate(`/activities/${a.id}`)} okButtonProps={{ 'data-testid': 'activity-submit' } as never} errorTestId="activity-error"
          initialValues={{ regionId: home, capacity: 30, audience: 'residents', maxCreditedMinutes: 120, cancelUntilMinutes: 120 }}>
          <Form.Item name="title" label={t('activities.form.title')} rules={required}><Input maxLength={100} data-testid="activity-title" /></Form.Item>
          <Form.Item name="regionId" label={t('activities.form.region')} rules={required}><RegionTreeSelect /></Form.Item>
          <Form.Item name="organiserName" label={t('activities.form.organiserName')} rules={required}><Input maxLength={100} data-testid="activity-organiser" /></Form.Item>
          <Form.Item name="address" label={t('activities.form.address')} rules={required}><Input maxLength={200} data-testid="activity-address" /></Form.Item>
          <Form.Item name="startsAt" label={t('activities.form.startsAt')} rules={required}><Input type="datetime-local" data-testid="activity-starts" /></Form.Item>
          <Form.Item name="endsAt" label={t('activities.form.endsAt')} rules={required}><Input type="datetime-local" data-testid="activity-ends" /></Form.Item>
          <Form.Item name="capacity" label={t('activities.form.capacity')} rules={required}><InputNumber min={1} max={100000} data-testid="activity-capacity" /></Form.Item>
          <Form.Item name="categoryCode" label={t('activities.form.category')} rules={required}>
            <Select data-testid="activity-category" showSearch optionFilterProp="label"
              options={groups.map((g) => ({ label: name(g), options: (menu.data ?? []).filter((c) => c.parentCode === g.code).map((c) => ({ value: c.code, label: name(c) })) }))} />
          </Form.Item>
          <Form.Item name="audience" label={t('activities.form.audience')}>
            <Select options={(['residents', 'anyone', 'volunteers', 'party_members'] as const).map((v) => ({ value: v, label: t(`activities.audience.${v}`) }))} />
          </Form.Item>
          <Form.Item name="creditsHours" valuePropName="checked"><Checkbox>{t('activities.form.creditsHours')}</Checkbox></Form.Item>
          <Form.Item name="maxCreditedMinutes" label={t('activities.form.maxCreditedMinutes')}><InputNumber min={0} max={1440} /></Form.Item>
          <Form.Item name="cancelUntilMinutes" label={t('activities.form.cancelUntilMinutes')}><InputNumber min={0} max={43200} /></Form.Item>
          <Form.Item name="description" label={t('activities.form.description')}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        </ModalForm>
      )}
    </>
  );
}
