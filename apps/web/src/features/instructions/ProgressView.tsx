import { Card, Col, Progress as Bar, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import type { Progress, ProgressNode } from './types.ts';

/** Per mille as a percentage with one decimal, from integers only. */
export const perMille = (p: number) => `${Math.floor(p / 10)}.${p % 10}%`;

/** The node's figures as cards: acknowledged, reached, not at home, refused, open, overdue. */
export function ProgressCards({ node }: { node: ProgressNode }) {
  const { t } = useTranslation();
  const cell = (key: string, title: string, value: number, suffix?: string, danger = false) => (
    <Col xs={12} sm={8} md={4} key={key}>
      <Card size="small" data-testid={`progress-${key}`} data-value={value}>
        <Statistic title={title} value={value} suffix={suffix} valueStyle={danger && value > 0 ? { color: '#cf1322' } : undefined} />
      </Card>
    </Col>
  );
  return (
    <>
      <Row gutter={[8, 8]}>
        {cell('acked', t('instructions.progress.acked'), node.acked, `/ ${node.workers}`)}
        {cell('reached', t('instructions.progress.reached'), node.reached, `/ ${node.households}`)}
        {cell('notHome', t('instructions.progress.notHome'), node.notHome)}
        {cell('refused', t('instructions.progress.refused'), node.refused)}
        {cell('open', t('instructions.progress.open'), node.open)}
        {cell('overdue', t('instructions.progress.overdue'), node.overdue, undefined, true)}
        {node.unstaffed > 0 && cell('unstaffed', t('instructions.progress.unstaffed'), node.unstaffed, undefined, true)}
      </Row>
      <Bar percent={node.reachedPermille / 10} success={{ percent: node.reachedPermille / 10 }} format={() => perMille(node.reachedPermille)} style={{ marginTop: 8 }}
        aria-label={`${t('instructions.progress.reached')} ${perMille(node.reachedPermille)}`} />
    </>
  );
}

/** One line per child region; clicking a name goes one level down. */
export function ProgressChildren({ progress, onDrill }: { progress: Progress; onDrill: (n: ProgressNode) => void }) {
  const { t } = useTranslation();
  const columns: Column<ProgressNode>[] = [
    { key: 'name', title: t('instructions.progress.region'), render: (c) => (c.level === 'microgrid' ? c.name : <a onClick={() => onDrill(c)} data-testid="progress-drill">{c.name}</a>) },
    { key: 'acked', title: t('instructions.progress.acked'), render: (c) => `${c.acked} / ${c.workers}` },
    { key: 'reached', title: t('instructions.progress.reached'), render: (c) => `${c.reached} / ${c.households} (${perMille(c.reachedPermille)})` },
    { key: 'notHome', title: t('instructions.progress.notHome'), render: (c) => c.notHome },
    { key: 'refused', title: t('instructions.progress.refused'), render: (c) => c.refused },
    { key: 'overdue', title: t('instructions.progress.overdue'), render: (c) => c.overdue },
    { key: 'unstaffed', title: t('instructions.progress.unstaffed'), render: (c) => c.unstaffed },
  ];
  return <ResponsiveTable rows={progress.children} columns={columns} rowKey={(c) => c.path} testId="progress-children" />;
}
