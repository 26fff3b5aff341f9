import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import type { CouncilDetail, MeetingDetail } from './types.ts';

/** Calls a meeting: title, time (Beijing time), place and the agenda items ready for it. */
export function NewMeetingButton({ council }: { council: CouncilDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const notify = useNotifyError();
  const navigate = useNavigate();
  const ready = council.agenda.filter((a) => a.state === 'open' || a.state === 'reopened');
  const submit = async () => {
    const v = await form.validateFields();
    try {
      // The input is wall-clock time in China, whatever the browser's zone.
      const startsAt = `${v.startsAt}:00+08:00`;
      const m = await api.post<MeetingDetail>(`/api/v1/councils/${council.id}/meetings`, { title: v.title, location: v.location ?? '', startsAt, agendaItemIds: v.agendaItemIds ?? [] });
      navigate(`/councils/meetings/${m.id}`);
    } catch (e) {
      notify(e, form);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="meeting-add">{t('councils.meetings.add')}</Button>
      {open && (
        <Modal open title={t('councils.meetings.add')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={t('common.action.confirm')} okButtonProps={{ 'data-testid': 'meeting-submit' } as never}>
          <Typography.Paragraph type="secondary">{t('councils.meetings.noticeHint', { hours: council.noticeHours })}</Typography.Paragraph>
          <Form form={form} layout="vertical">
            <Form.Item name="title" label={t('councils.meetings.meetingTitle')} rules={[{ required: true }]}><Input maxLength={200} data-testid="meeting-title" /></Form.Item>
            <Form.Item name="startsAt" label={t('councils.meetings.startsAt')} rules={[{ required: true }]}><Input type="datetime-local" data-testid="meeting-starts" /></Form.Item>
            <Form.Item name="location" label={t('councils.meetings.location')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="agendaItemIds" label={t('councils.meetings.itemsToAdd')}>
              <Checkbox.Group options={ready.map((a) => ({ value: a.id, label: a.title }))} data-testid="meeting-items" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
