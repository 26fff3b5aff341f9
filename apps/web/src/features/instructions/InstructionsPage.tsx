import { Button, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../components/PagedTable.tsx';
import type { Column } from '../../components/ResponsiveTable.tsx';
import { formatMinute } from '../../components/time.ts';
import { useSession } from '../../shell/session.tsx';
import type { InstructionSummary } from './types.ts';
import { instructionsQuery } from './instructions.queries.ts';

/** /instructions — instructions issued in or above my regions, newest first; officers send new ones from here. */
export default function InstructionsPage() {
  const { t } = useTranslation();
  const { can } = useSession();

  const columns: Column<InstructionSummary>[] = [
    { key: 'title', title: t('instructions.form.name'), render: (i) => <Link to={`/instructions/${i.id}`} data-testid="instruction-link">{i.title}</Link> },
    { key: 'task', title: t('instructions.form.task'), render: (i) => t(`instructions.task.${i.task}`) },
    { key: 'target', title: t('instructions.list.target'), render: (i) => i.regionName },
    { key: 'size', title: t('instructions.list.households'), render: (i) => `${i.households} / ${i.microgrids} ${t('instructions.list.microgrids')}` },
    { key: 'deadline', title: t('instructions.list.deadline'), render: (i) => formatMinute(i.deadline) },
    { key: 'state', title: t('instructions.list.state'), render: (i) => (i.closedAt ? <Tag>{t('instructions.list.closed')}</Tag> : <Tag color="processing">{t('instructions.list.open')}</Tag>) },
    { key: 'issuer', title: t('instructions.list.issuer'), render: (i) => i.issuerName },
  ];
  return (
    <div data-testid="instructions-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>{t('instructions.list.title')}</Typography.Title>
        {can('instruction.issue') && <Link to="/instructions/new"><Button type="primary" icon={<PlusOutlined />} data-testid="instruction-new">{t('instructions.list.new')}</Button></Link>}
      </Space>
      <PagedTable query={instructionsQuery} columns={columns} rowKey={(i) => i.id} rowHref={(i) => `/instructions/${i.id}`} testId="instructions-table" />
    </div>
  );
}
