import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tooltip } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { ImportCommitResult, ImportIssue, ImportPreview } from '../../api/types.ts';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { orgKeys } from '../org/org.queries.ts';
import { isImportField } from './fields.ts';

/**
 * Step 2: totals, the row-by-row problems and a sample. Importing stays disabled while any problem
 * remains, because the API writes all rows or none and a half-fixed register helps nobody.
 */
export function PreviewStep(props: { preview: ImportPreview; onBack: () => void; onDone: (r: ImportCommitResult) => void }) {
  const { preview, onBack, onDone } = props;
  const { t } = useTranslation();
  // Committing writes the register: every view of it (tree, counts, lists) is stale.
  const committing = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/imports/{id}/commit', { params: { path: { id: preview.id } } })),
    invalidates: [orgKeys.all],
    onSuccess: onDone,
  });
  const busy = committing.isPending;
  const fieldLabel = (f: string) => (isImportField(f) ? t(`import.field.${f}`) : f);
  const blocked = preview.issues.length > 0;

  const commit = () => committing.mutate();

  const issueColumns: Column<ImportIssue>[] = [
    { key: 'row', title: t('import.issue.row'), render: (i) => i.row, width: 80 },
    { key: 'field', title: t('import.issue.field'), render: (i) => fieldLabel(i.field), width: 140 },
    { key: 'message', title: t('import.issue.message'), render: (i) => i.message },
  ];
  const sampleKeys = [...new Set(preview.sample.flatMap((r) => Object.keys(r)))];
  const stats = [
    { key: 'rows', value: preview.totalRows },
    { key: 'valid', value: preview.validRows },
    { key: 'households', value: preview.households },
    { key: 'issues', value: preview.issues.length },
  ] as const;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="import-preview">
      <Row gutter={[12, 12]}>
        {stats.map((s) => (
          <Col xs={12} md={6} key={s.key}>
            <Card size="small">
              <Statistic title={t(`import.totals.${s.key}`)} value={s.value} data-testid={`import-total-${s.key}`} />
            </Card>
          </Col>
        ))}
      </Row>
      {blocked ? (
        <Alert type="error" showIcon icon={<CloseCircleOutlined />} title={t('import.issuesBlock', { count: preview.issues.length })} data-testid="import-blocked" />
      ) : (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('import.noIssues')} />
      )}
      {blocked && (
        <Card size="small" title={t('import.issuesTitle')}>
          <ResponsiveTable
            rows={preview.issues}
            columns={issueColumns}
            rowKey={(i) => `${i.row}-${i.field}-${i.code}`}
            testId="import-issues"
          />
        </Card>
      )}
      {preview.sample.length > 0 && (
        <Card size="small" title={t('import.sampleTitle')}>
          <Table
            size="small"
            scroll={{ x: 'max-content' }}
            pagination={false}
            rowKey={(r) => r.row ?? JSON.stringify(r)}
            dataSource={preview.sample}
            columns={sampleKeys.map((k) => ({ key: k, title: fieldLabel(k), dataIndex: k }))}
            data-testid="import-sample"
          />
        </Card>
      )}
      <Space wrap>
        <Button icon={<ReloadOutlined />} onClick={onBack} data-testid="import-reupload">
          {t('import.reupload')}
        </Button>
        <Tooltip title={blocked ? t('import.confirmDisabled') : undefined}>
          <Button type="primary" disabled={blocked} loading={busy} onClick={commit} data-testid="import-confirm">
            {t('import.confirm')}
          </Button>
        </Tooltip>
      </Space>
    </Space>
  );
}
