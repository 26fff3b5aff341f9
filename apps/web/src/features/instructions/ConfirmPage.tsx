import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Result, Spin, Typography } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { PageError } from '../../components/PageError.tsx';
import { formatMinute } from '../../components/time.ts';
import { linkQuery } from './instructions.queries.ts';

/** /confirm/:token — a household's personal link: read the notice and confirm (with an answer when asked), no sign-in. */
export default function ConfirmPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(linkQuery(token));
  const [answer, setAnswer] = useState('');
  const confirming = useApiMutation({
    mutationFn: (text: string) => unwrap(gz.POST('/api/v1/instruction-links/{token}', { params: { path: { token } }, body: text ? { answer: text } : {} })),
  });
  if (error) return <div style={{ padding: 16 }}><PageError error={error} onRetry={() => void refetch()} /></div>;
  if (!data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const confirm = () => confirming.mutate(answer.trim());
  const confirmed = confirming.isSuccess || data.status === 'reached';
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 16 }} data-testid="confirm-page">
      <Typography.Title level={3}>{t('instructions.confirm.title')}</Typography.Title>
      <Card>
        <Typography.Title level={4}>{data.title}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>{data.body}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('instructions.confirm.address')}：{data.address}</Typography.Paragraph>
        {confirmed ? <Result status="success" title={t('instructions.confirm.done')} data-testid="confirm-done" />
          : data.closed ? <Alert type="info" message={t('instructions.confirm.closed')} />
          : (
            <>
              <Typography.Paragraph>{t('instructions.confirm.deadline', { at: formatMinute(data.deadline) })}</Typography.Paragraph>
              {data.question && (
                <>
                  <Typography.Text strong>{data.question}</Typography.Text>
                  <Input.TextArea rows={3} maxLength={1000} value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={t('instructions.confirm.answer')} data-testid="confirm-answer" style={{ margin: '8px 0' }} />
                </>
              )}
              <Button type="primary" size="large" block onClick={confirm} loading={confirming.isPending} disabled={Boolean(data.question) && !answer.trim()} data-testid="confirm-submit">
                {data.question ? t('instructions.confirm.submit') : t('instructions.confirm.confirm')}
              </Button>
            </>
          )}
      </Card>
    </div>
  );
}
