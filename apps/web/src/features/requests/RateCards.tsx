import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Rates } from '../../api/types.ts';
import { percent } from './requestLabels.ts';

type Key = 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'onTimeRate';
const CARDS: { key: Key; testId: string; counts: (r: Rates) => [number, number]; countsKey: 'response' | 'resolution' | 'satisfaction' | 'onTime' }[] = [
  { key: 'responseRate', testId: 'kpi-response-rate', counts: (r) => [r.responded, r.received], countsKey: 'response' },
  { key: 'resolutionRate', testId: 'kpi-resolution-rate', counts: (r) => [r.resolved, r.received], countsKey: 'resolution' },
  { key: 'satisfactionRate', testId: 'kpi-satisfaction-rate', counts: (r) => [r.satisfied, r.rated], countsKey: 'satisfaction' },
  { key: 'onTimeRate', testId: 'kpi-on-time-rate', counts: (r) => [r.resolvedOnTime, r.resolved], countsKey: 'onTime' },
];

/**
 * Beijing's three rates (响应率、解决率、满意率) and the on-time rate, each as a percentage with the
 * counts behind it, so "100%" of one request is never mistaken for a good month.
 */
export function RateCards({ rates }: { rates: Rates }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      {CARDS.map((c) => {
        const [a, b] = c.counts(rates);
        return (
          <Col key={c.key} xs={12} lg={6}>
            <Card size="small">
              <Statistic title={t(`kpi.dashboard.${c.key}`)} value={percent(rates[c.key])} data-testid={c.testId} />
              <Typography.Text type="secondary">{t(`kpi.dashboard.${c.countsKey}`, { a, b })}</Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
