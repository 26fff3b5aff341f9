import { useState } from 'react';
import { Button, Checkbox, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { earliestMeetingStart } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import type { CouncilDetail } from './types.ts';
import { councilKeys } from './councils.queries.ts';

/** Calls a meeting: title, time (Beijing time), place and the agenda items ready for it. */
export function NewMeetingButton({ council }: { council: CouncilDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const ready = council.agenda.filter((a) => a.state === 'open' || a.state === 'reopened');
  // Shown before anyone picks a time, and the input refuses earlier ones; the server's refusal (the
  // clock moved on while the form was open) stays in the dialog with its own earliest time (issue 15 · item 17e).
  const earliest = earliestMeetingStart(new Date(), council.noticeHours).text;
  const submit = (v: { title: string; startsAt: string; location?: string; agendaItemIds?: string[] }) => {
    // The input is wall-clock time in China, whatever the browser's zone.
    const startsAt = `${v.startsAt}:00+08:00`;
    return unwrap(gz.POST('/api/v1/councils/{id}/meetings', {
      params: { path: { id: council.id } }, body: { title: v.title, location: v.location ?? '', startsAt, agendaItemIds: v.agendaItemIds ?? [] },
    }));
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="meeting-add">{t('councils.meetings.add')}</Button>
      {open && (
        <ModalForm title={t('councils.meetings.add')} onClose={() => setOpen(false)} okText={t('common.action.confirm')} okButtonProps={{ 'data-testid': 'meeting-submit' } as never}
          errorTestId="meeting-error" submit={submit} onDone={(m) => navigate(`/councils/meetings/${m.id}`)} invalidates={[councilKeys.all]}
          intro={<Typography.Paragraph type="secondary">{t('councils.meetings.noticeHint', { hours: council.noticeHours })} {t('councils.meetings.earliest', { time: earliest })}</Typography.Paragraph>}>
            <Form.Item name="title" label={t('councils.meetings.meetingTitle')} rules={[{ required: true }]}><Input maxLength={200} data-testid="meeting-title" /></Form.Item>
            <Form.Item name="startsAt" label={t('councils.meetings.startsAt')} rules={[{ required: true }]}><Input type="datetime-local" min={earliest.replace(' ', 'T')} data-testid="meeting-starts" /></Form.Item>
            <Form.Item name="location" label={t('councils.meetings.location')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="agendaItemIds" label={t('councils.meetings.itemsToAdd')}>
              <Checkbox.Group options={ready.map((a) => ({ value: a.id, label: a.title }))} data-testid="meeting-items" />
            </Form.Item>
        </ModalForm>
      )}
    </>
  );
}
