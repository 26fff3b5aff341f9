import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../api/types.ts';
import { formatTime } from '../../components/time.ts';
import { useRequestLabels } from './requestLabels.ts';

// The dot's colour echoes the entry (red for a red card or a refusal) but the title always says it.
function colourOf(kind: string): string {
  if (kind === 'sla_red' || kind === 'reject' || kind === 'return') return 'red';
  if (kind === 'sla_yellow' || kind === 'escalate' || kind === 'reopen') return 'orange';
  if (kind === 'reply' || kind === 'close' || kind === 'rate' || kind === 'verify' || kind === 'handler_done' || kind === 'step_replied' || kind === 'step_closed') return 'green';
  return 'blue';
}

/**
 * A request's steps, oldest first, as a vertical timeline: what happened, the state change, who
 * (residents see "工作人员" rather than staff names, decided by the API), when, and the note. Internal
 * steps, which only staff receive, carry a lock tag. Notes are plain text, never HTML.
 */
export function RequestTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  if (!entries.length) return <Empty description={t('requests.timeline.empty')} />;
  return (
    <Timeline
      data-testid="request-timeline"
      items={entries.map((e) => ({
        key: e.id,
        color: colourOf(e.kind),
        content: (
          <div data-testid="timeline-entry" data-kind={e.kind}>
            <Space size={6} wrap>
              <Typography.Text strong>{labels.kind(e.kind)}</Typography.Text>
              {e.fromState && e.toState && e.fromState !== e.toState && (
                <Typography.Text type="secondary">
                  {labels.state(e.fromState)} → {labels.state(e.toState)}
                </Typography.Text>
              )}
              {!e.public && <Tag icon={<LockOutlined />}>{t('requests.timeline.internal')}</Tag>}
            </Space>
            {e.note && <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 2 }}>{e.note}</div>}
            <div>
              <Typography.Text type="secondary">{e.actorName} · {formatTime(e.at)}</Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
