import { Button, Card, Form, Input, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { formatMinute } from '../../components/time.ts';
import { projectKeys } from './projects.queries.ts';
import type { DeliveryView } from './delivery.queries.ts';

/**
 * A resident rates the accepted project (评议完善), once, while the window is open: big stars and a
 * full-width button (rem-sized, so elder mode's larger type makes them larger still).
 */
export function RateProject({ id, view }: { id: string; view: DeliveryView }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ stars: number; comment?: string }>();
  const rate = useApiMutation({
    mutationFn: (v: { stars: number; comment?: string }) => unwrap(gz.POST('/api/v1/projects/{id}/ratings', { params: { path: { id } }, body: { stars: v.stars, comment: v.comment ?? '' } })),
    invalidates: [projectKeys.all], form,
  });
  if (view.myRating) {
    return <Typography.Paragraph strong data-testid="rate-done">{t('delivery.rate.thanks', { stars: view.myRating.stars })}</Typography.Paragraph>;
  }
  if (!view.abilities.includes('rate')) return null;
  return (
    <Card title={t('delivery.rate.title')} style={{ marginTop: 16 }} data-testid="rate-card">
      {view.ratingClosesAt && <Typography.Paragraph type="secondary">{t('delivery.rate.closes', { at: formatMinute(view.ratingClosesAt) })}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={(v) => rate.mutate(v)}>
        <Form.Item name="stars" label={t('delivery.rate.stars')} rules={[{ required: true }]}>
          <Rate style={{ fontSize: '2.5rem' }} data-testid="rate-stars" />
        </Form.Item>
        <Form.Item name="comment" label={t('delivery.rate.comment')} rules={[{ max: 500 }]}><Input.TextArea rows={3} data-testid="rate-comment" /></Form.Item>
        <Button type="primary" size="large" block htmlType="submit" loading={rate.isPending} style={{ height: 'auto', minHeight: '3rem', whiteSpace: 'normal' }} data-testid="rate-submit">
          {t('delivery.rate.submit')}
        </Button>
      </Form>
    </Card>
  );
}
