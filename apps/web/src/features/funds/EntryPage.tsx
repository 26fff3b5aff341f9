import { useParams } from 'react-router';
import { Button, Descriptions, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { PageError } from '../../components/PageError.tsx';
import { yuan } from './money.ts';
import { DividendLines } from './PropertyForms.tsx';
import { entryQuery, fundQuery } from './funds.queries.ts';

/**
 * /public/funds/:code/entries/:id — one entry on a printable page: a donation's receipt (an
 * anonymous donor shows as 匿名), or a dividend's statement with every owner's line.
 */
export default function EntryPage() {
  const { code = '', id = '' } = useParams();
  const { t } = useTranslation();
  const fund = useQuery(fundQuery(code));
  const { data: e, error, refetch } = useQuery(entryQuery(code, id));
  return (
    <div data-testid="entry-page" style={{ maxWidth: 760, margin: '0 auto', padding: 24 }}>
      {error && <PageError error={error} onRetry={() => void refetch()} />}
      {!e && !error && <Spin />}
      {e && (
        <>
          <Typography.Title level={2} style={{ textAlign: 'center' }}>
            {e.kind === 'dividend' ? t('funds.receipt.dividendTitle') : e.kind === 'donation' ? t('funds.receipt.title') : t(`funds.ledgerKind.${e.kind}`)}
          </Typography.Title>
          <Descriptions bordered column={1} data-testid="receipt">
            {e.receiptNo && <Descriptions.Item label={t('funds.receipt.number')}><span data-testid="receipt-number">{e.receiptNo}</span></Descriptions.Item>}
            <Descriptions.Item label={t('funds.receipt.fund')}>{fund.data?.name ?? code}</Descriptions.Item>
            {e.kind === 'donation' && <Descriptions.Item label={t('funds.receipt.donor')}>{e.anonymous ? t('funds.fund.anonymous') : e.counterparty ?? ''}</Descriptions.Item>}
            <Descriptions.Item label={t('funds.receipt.amount')}><span data-testid="receipt-amount">{yuan(e.amountFen)}</span></Descriptions.Item>
            <Descriptions.Item label={t('funds.receipt.purpose')}>{e.memo}</Descriptions.Item>
            <Descriptions.Item label={t('funds.receipt.date')}>{e.occurredOn}</Descriptions.Item>
            {e.originalOn && <Descriptions.Item label={t('funds.fund.originalOn')}>{t('funds.fund.lateEntry', { day: e.originalOn })}</Descriptions.Item>}
            <Descriptions.Item label={t('funds.fund.preparedBy')}>{e.preparedBy}{e.approvedBy ? ` · ${t('funds.fund.approvedBy')} ${e.approvedBy}` : ''}</Descriptions.Item>
          </Descriptions>
          {e.kind === 'donation' && <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>{t('funds.receipt.thanks')}</Typography.Paragraph>}
          {e.dividend && <div style={{ marginTop: 16 }}><DividendLines view={e.dividend} /></div>}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} style={{ marginTop: 16 }} className="no-print">{t('funds.ops.printReceipt')}</Button>
        </>
      )}
    </div>
  );
}
