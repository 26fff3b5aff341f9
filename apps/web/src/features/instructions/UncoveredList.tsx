import { Alert, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { uncoveredQuery } from './instructions.queries.ts';

/**
 * The parts under the node this instruction could not reach (no worker, no micro-grid, no
 * households), listed openly on the progress page rather than hidden behind "0/0".
 */
export function UncoveredList({ id, path }: { id: string; path: string }) {
  const { t } = useTranslation();
  const { data } = useQuery(uncoveredQuery(id, path));
  if (!data?.length) return null;
  return (
    <Alert
      type="warning" showIcon style={{ marginTop: 12 }} data-testid="progress-uncovered"
      title={`${t('instructions.progress.uncovered')}（${data.length}）`}
      description={(
        <List size="small" dataSource={data} rowKey={(u) => u.path} style={{ maxHeight: 240, overflow: 'auto' }}
          renderItem={(u) => (
            <List.Item data-testid="progress-uncovered-part">
              <Space wrap>
                <span>{u.name}</span>
                <Tag>{t(`instructions.send.reason.${u.reason}`)}</Tag>
                {u.households > 0 && <Typography.Text type="secondary">{t('instructions.send.households', { n: u.households })}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
    />
  );
}
