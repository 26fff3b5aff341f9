import { Space, Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, ExclamationCircleFilled, MergeCellsOutlined, StarOutlined,
  SyncOutlined, WarningFilled,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matter, RequestState } from '@gongzhi/core';
import type { RequestSummary } from '../../api/types.ts';
import { useRequestLabels } from './requestLabels.ts';

// Colour and icon only help: the tag's text always names the state, for colour-blind readers and
// for elder mode's high-contrast theme.
const STATE_LOOK: Record<RequestState, { color: string; icon: ReactNode }> = {
  received: { color: 'blue', icon: <ClockCircleOutlined /> },
  sorted: { color: 'geekblue', icon: <ClockCircleOutlined /> },
  dispatched: { color: 'purple', icon: <SyncOutlined /> },
  in_progress: { color: 'processing', icon: <SyncOutlined /> },
  replied: { color: 'cyan', icon: <CheckCircleOutlined /> },
  verified: { color: 'green', icon: <CheckCircleOutlined /> },
  closed: { color: 'success', icon: <CheckCircleOutlined /> },
  rated: { color: 'success', icon: <StarOutlined /> },
  referred: { color: 'default', icon: <CheckCircleOutlined /> },
  merged: { color: 'default', icon: <MergeCellsOutlined /> },
  rejected: { color: 'default', icon: <CloseCircleOutlined /> },
};

/** A request's state as a tag with its name. */
export function StateTag({ state }: { state: RequestState }) {
  const labels = useRequestLabels();
  const look = STATE_LOOK[state];
  return (
    <Tag color={look?.color} icon={look?.icon} data-testid="request-state" data-state={state}>
      {labels.state(state)}
    </Tag>
  );
}

/** 大事 / 小事 / 私事, with what it means on hover. */
export function MatterTag({ matter }: { matter: Matter | null }) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  if (!matter) return <Tag>{t('requests.uncategorised')}</Tag>;
  const color = matter === 'big' ? 'volcano' : matter === 'small' ? 'blue' : 'default';
  return (
    <Tooltip title={t(`requests.matterHint.${matter}`)}>
      <Tag color={color} data-testid="matter-tag" data-matter={matter}>{labels.matter(matter)}</Tag>
    </Tooltip>
  );
}

/**
 * The time-limit card: 黄牌 (deadline close) or 红牌 (deadline passed), each with an icon and its
 * name; a request on time says so in plain text.
 */
export function SlaBadge({ sla, escalation = 0 }: { sla: RequestSummary['slaState']; escalation?: number }) {
  const { t } = useTranslation();
  const escalated = escalation > 0 ? <Tag color="magenta">{t('requests.detail.escalated', { level: escalation })}</Tag> : null;
  if (sla === 'ok') {
    return (
      <Space size={4} wrap>
        <span data-testid="sla-badge" data-sla="ok" style={{ color: 'inherit' }}>{t('requests.sla.ok')}</span>
        {escalated}
      </Space>
    );
  }
  const red = sla === 'red';
  return (
    <Space size={4} wrap>
      <Tooltip title={t(red ? 'requests.sla.redHint' : 'requests.sla.yellowHint')}>
        <Tag
          data-testid="sla-badge"
          data-sla={sla}
          icon={red ? <ExclamationCircleFilled /> : <WarningFilled />}
          color={red ? 'error' : 'warning'}
          style={{ fontWeight: 600 }}
        >
          {t(red ? 'requests.sla.red' : 'requests.sla.yellow')}
        </Tag>
      </Tooltip>
      {escalated}
    </Space>
  );
}
