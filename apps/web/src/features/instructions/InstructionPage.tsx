import { useState } from 'react';
import { App, Badge, Breadcrumb, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography, type ButtonProps } from 'antd';
import { BellOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { download, gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute, formatTime } from '../../components/time.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { useDomainLabels } from '../../components/labels.ts';
import type { ResidentTag } from '@gongzhi/core';
import { ProgressCards, ProgressChildren } from './ProgressView.tsx';
import { UnreachedList } from './UnreachedList.tsx';
import { UncoveredList } from './UncoveredList.tsx';
import { useProgressStream } from './useProgressStream.ts';
import { instructionKeys, instructionQuery } from './instructions.queries.ts';

interface Crumb { path: string; name: string }

/**
 * /instructions/:id — the instruction and its progress, live: acknowledged workers, households
 * reached, overdue micro-grids for my part of the tree, with drill-down, reminders and the report.
 */
export default function InstructionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const labels = useDomainLabels();
  const { data: instr, error, refetch } = useQuery(instructionQuery(id));
  const [trail, setTrail] = useState<Crumb[]>([]);
  const path = trail[trail.length - 1]?.path;
  const { progress, live } = useProgressStream(id, path);
  // The top of my part of the tree: derived from the first answer, and remembered once the user
  // drills down (the stream then reports the child) — never set while rendering.
  const [root, setRoot] = useState<Crumb | null>(null);
  const top = root ?? (progress && !path ? { path: progress.node.path, name: progress.node.name } : null);
  const reminding = useApiMutation({
    mutationFn: (node: string | undefined) => unwrap(gz.POST('/api/v1/instructions/{id}/remind', { params: { path: { id } }, body: node ? { path: node } : {} })),
    onSuccess: ({ reminded }) => void message.success(t('instructions.progress.reminded', { n: reminded })),
  });
  const closing = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/instructions/{id}/close', { params: { path: { id } } })),
    invalidates: [instructionKeys.all],
  });
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!instr) return null;
  const mayIssue = instr.abilities.includes('instruction.issue');
  const at = progress?.node.path;

  const remind = () => reminding.mutate(at);
  const close = () => closing.mutate();
  const drill = (c: Crumb) => {
    if (top && !root) setRoot(top);
    setTrail((x) => [...x, c]);
  };
  const crumbs = (top ? [top, ...trail] : trail).map((c, i, all) => ({
    key: c.path, title: i < all.length - 1 ? <a onClick={() => setTrail(trail.slice(0, i))}>{c.name}</a> : c.name,
  }));

  return (
    <div data-testid="instruction-page">
      <Typography.Title level={3}>{instr.title}</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{instr.body}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('instructions.form.task')}>{t(`instructions.task.${instr.task}`)}{instr.question ? `：${instr.question}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('instructions.list.target')}>{instr.regionName} {instr.tags.map((x) => <Tag key={x}>{labels.tag(x as ResidentTag)}</Tag>)}</Descriptions.Item>
          <Descriptions.Item label={t('instructions.list.deadline')}>{formatMinute(instr.deadline)}</Descriptions.Item>
          <Descriptions.Item label={t('instructions.list.issuer')}>{instr.issuerName}</Descriptions.Item>
          <Descriptions.Item label={t('instructions.list.households')}>{instr.households} / {instr.microgrids} {t('instructions.list.microgrids')} / {instr.workers} {t('instructions.list.workers')}</Descriptions.Item>
          {instr.closedAt && <Descriptions.Item label=" ">{t('instructions.progress.closedAt', { at: formatMinute(instr.closedAt) })}</Descriptions.Item>}
        </Descriptions>
        {instr.attachments.map((a, n) => (
          <Button key={a.key} type="link" icon={<PaperClipOutlined />} onClick={() => download(`/api/v1/instructions/${id}/attachments/${n}`, undefined, a.name).catch(notify)}>{a.name}</Button>
        ))}
      </Card>
      <Space wrap style={{ marginBottom: 8 }}>
        <Badge status={live ? 'processing' : 'warning'} text={live ? t('instructions.progress.live') : t('instructions.progress.offline')} data-testid="progress-live" data-live={live} />
        {progress && <Typography.Text type="secondary">{t('instructions.progress.updated', { at: formatTime(progress.at) })}</Typography.Text>}
      </Space>
      <Breadcrumb items={crumbs} style={{ marginBottom: 8 }} />
      {progress && <ProgressCards node={progress.node} />}
      <Space wrap style={{ margin: '12px 0' }}>
        {mayIssue && !instr.closedAt && (
          // A reminder to everyone below is a mass action: it says how many it reaches and waits for a yes.
          <Popconfirm
            title={t('instructions.progress.remindConfirm', { n: progress ? Math.max(progress.node.workers - progress.node.acked, 0) : 0 })}
            onConfirm={remind} okButtonProps={{ 'data-testid': 'progress-remind-confirm' } as ButtonProps}
          >
            <Button icon={<BellOutlined />} loading={reminding.isPending} data-testid="progress-remind">{t('instructions.progress.remind')}</Button>
          </Popconfirm>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/instructions/${id}/report.xlsx`, { path: at }, `instruction-${at ?? ''}.xlsx`).catch(notify)} data-testid="progress-export">{t('instructions.progress.export')}</Button>
        {mayIssue && !instr.closedAt && (
          <Popconfirm title={t('instructions.progress.closeConfirm')} onConfirm={close}><Button danger>{t('instructions.progress.close')}</Button></Popconfirm>
        )}
      </Space>
      {progress && <ProgressChildren progress={progress} onDrill={(c) => drill({ path: c.path, name: c.name })} />}
      {at && <UncoveredList id={id} path={at} />}
      {at && <UnreachedList id={id} path={at} />}
    </div>
  );
}
