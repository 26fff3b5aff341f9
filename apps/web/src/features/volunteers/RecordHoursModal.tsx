import { App, DatePicker, Form, Input, TimePicker } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { VolunteerView } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { todayInChina } from '../../components/time.ts';
import { volunteerKeys } from './volunteers.queries.ts';

interface Values { day: dayjs.Dayjs; start: dayjs.Dayjs; end: dayjs.Dayjs; title: string }

/** An organiser records a verified volunteer's service: day, start and end (China time), what was done. */
export function RecordHoursModal({ volunteer, onClose }: { volunteer: VolunteerView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = (v: Values) => unwrap(gz.POST('/api/v1/volunteers/{id}/service-records', {
    params: { path: { id: volunteer.id } },
    body: { serviceDay: v.day.format('YYYY-MM-DD'), start: v.start.format('HH:mm'), end: v.end.format('HH:mm'), title: v.title.trim(), activityId: null, categoryCode: 'general' },
  }));
  const done = () => { void message.success(t('volunteers.recordForm.saved')); onClose(); };
  return (
    <ModalForm<Values> title={t('volunteers.recordForm.title', { name: volunteer.name })} submit={save} onDone={done} onClose={onClose}
      invalidates={[volunteerKeys.all]} testId="record-hours-form" errorTestId="record-hours-error"
      initialValues={{ day: todayInChina(), start: dayjs('09:00', 'HH:mm'), end: dayjs('11:00', 'HH:mm') }}>
      <Form.Item name="day" label={t('volunteers.recordForm.day')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} data-testid="record-day" /></Form.Item>
      <Form.Item name="start" label={t('volunteers.recordForm.start')} rules={[{ required: true }]}><TimePicker format="HH:mm" minuteStep={5} inputReadOnly data-testid="record-start" /></Form.Item>
      <Form.Item name="end" label={t('volunteers.recordForm.end')} rules={[{ required: true }]}><TimePicker format="HH:mm" minuteStep={5} inputReadOnly data-testid="record-end" /></Form.Item>
      <Form.Item name="title" label={t('volunteers.recordForm.what')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} data-testid="record-title" /></Form.Item>
    </ModalForm>
  );
}

/** Asks for the reason of a rejection (a registration or a service record) and sends it. */
export function ReasonModal({ title, send, onClose }: { title: string; send: (reason: string) => Promise<unknown>; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalForm<{ reason: string }> title={title} submit={(v) => send(v.reason.trim())} onDone={onClose} onClose={onClose} invalidates={[volunteerKeys.all]} testId="reason-form">
      <Form.Item name="reason" label={t('volunteers.staff.rejectReason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea maxLength={500} rows={3} data-testid="reason-input" /></Form.Item>
    </ModalForm>
  );
}
