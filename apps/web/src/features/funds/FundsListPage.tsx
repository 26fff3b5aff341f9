import { Link, useLocation } from 'react-router';
import { Card, Col, Row, Spin, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { yuan } from './money.ts';
import { fundsQuery } from './funds.queries.ts';

/**
 * /public/funds (anyone, no sign-in) and /funds (the console): every fund with its balance and
 * totals; a card opens the fund's page in the same place.
 */
export default function FundsListPage() {
  const { t } = useTranslation();
  const inConsole = !useLocation().pathname.startsWith('/public');
  const { data, error, refetch } = useQuery(fundsQuery());
  return (
    <div data-testid="funds-list">
      <Typography.Title level={2}>{inConsole ? t('funds.list.console') : t('funds.list.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('funds.list.intro')}</Typography.Paragraph>
      {error && <PageError error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Spin />}
      <Row gutter={[16, 16]}>
        {data?.map((f) => (
          <Col xs={24} md={12} lg={8} key={f.id}>
            <Link to={`${inConsole ? '/funds' : '/public/funds'}/${f.code}`} data-testid={`fund-card-${f.code}`}>
              <Card hoverable title={f.name} extra={<Tag>{t(`funds.kind.${f.kind}`)}</Tag>}>
                <Statistic title={t('funds.list.balance')} value={yuan(f.balanceFen)} />
                <Typography.Text type="secondary">
                  {f.region.name} · <span className="gz-nowrap">{t('funds.list.inflow')} {yuan(f.inflowFen)}</span> · <span className="gz-nowrap">{t('funds.list.outflow')} {yuan(f.outflowFen)}</span>
                </Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
