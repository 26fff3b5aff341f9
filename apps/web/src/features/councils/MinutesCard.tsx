import { useState } from 'react';
import { Button, Card, Collapse, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMinute } from '../../components/time.ts';
import { gz, unwrap } from '../../api/client.ts';
import type { MeetingDetail } from './types.ts';
import type { CouncilRun } from './councils.queries.ts';

/**
 * The minutes: staff draft and correct them (each save a new version, every version kept) and approve
 * the last one after the meeting; residents see only approved minutes.
 */
export function MinutesCard({ meeting: m, run }: { meeting: MeetingDetail; run: CouncilRun }) {
  const { t } = useTranslation();
  const manage = m.abilities.includes('manage');
  const [latest, ...older] = m.minutes;
  const [text, setText] = useState<string | null>(null);
  const editable = manage && latest?.state !== 'approved';
  const value = text ?? latest?.body ?? '';
  return (
    <Card title={t('councils.meeting.minutes')} style={{ marginTop: 16 }} data-testid="minutes-card">
      {latest && (
        <Space style={{ marginBottom: 8 }}>
          <Tag>{t('councils.meeting.version', { version: latest.version })}</Tag>
          <Tag color={latest.state === 'approved' ? 'green' : 'gold'} data-testid="minutes-state" data-state={latest.state}>{t(`councils.meeting.${latest.state}`)}</Tag>
          <Typography.Text type="secondary">{latest.authorName} · {formatMinute(latest.createdAt)}</Typography.Text>
        </Space>
      )}
      {editable ? (
        <>
          <Input.TextArea rows={6} value={value} onChange={(e) => setText(e.target.value)} maxLength={20000} data-testid="minutes-body" />
          <Space style={{ marginTop: 8 }}>
            <Button onClick={() => void run(() => unwrap(gz.POST('/api/v1/council-meetings/{id}/minutes', { params: { path: { id: m.id } }, body: { body: value } }))).then(() => setText(null))} disabled={!value.trim()} data-testid="minutes-save">{t('councils.meeting.saveMinutes')}</Button>
            {latest && m.state === 'closed' && <Button type="primary" onClick={() => void run(() => unwrap(gz.POST('/api/v1/council-meetings/{id}/minutes/approve', { params: { path: { id: m.id } }, body: {} })))} data-testid="minutes-approve">{t('councils.meeting.approve')}</Button>}
          </Space>
        </>
      ) : latest ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="minutes-text">{latest.body}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t('councils.meeting.noMinutes')}</Typography.Text>
      )}
      {older.length > 0 && (
        <Collapse size="small" style={{ marginTop: 8 }} items={older.map((v) => ({
          key: v.id, label: `${t('councils.meeting.version', { version: v.version })} · ${v.authorName} · ${formatMinute(v.createdAt)}`,
          children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v.body}</Typography.Paragraph>,
        }))} />
      )}
    </Card>
  );
}
