import { useState } from 'react';
import { Alert, App, Button, Card, Input, Rate, Space, Typography } from 'antd';
import { RedoOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { failureText } from '../../components/useNotifyError.ts';
import type { RequestDetail } from '../../api/types.ts';
import { act } from './act.ts';

/** Props of {@link ResidentActions}. */
export interface ResidentActionsProps {
  request: RequestDetail;
  onChanged: (r: RequestDetail) => void;
}

/**
 * The reporter's two steps, each shown only when the API lists it in `allowed`: rate 1–5 stars with
 * a comment once replied, and "问题没解决，重新办理" within seven days of the reply.
 */
export function ResidentActions({ request, onChanged }: ResidentActionsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [reopening, setReopening] = useState(false);
  const [note, setNote] = useState('');
  const step = useMutation({
    mutationFn: ({ body }: { body: Parameters<typeof act>[1]; done: string }) => act(request.id, body),
    onSuccess: (next, { done }) => {
      onChanged(next);
      void message.success(done);
      setReopening(false);
    },
  });
  // Shown in place, not only as a toast: an older resident needs time to read it.
  const failure = failureText(step.error);
  const busy = step.isPending;
  const canRate = request.allowed.includes('rate');
  const canReopen = request.allowed.includes('reopen');
  if (!canRate && !canReopen) return null;

  const run = (body: Parameters<typeof act>[1], done: string) => step.mutate({ body, done });
  const tooltips = [t('report.mine.star1'), t('report.mine.star2'), t('report.mine.star3'), t('report.mine.star4'), t('report.mine.star5')];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {failure && <Alert type="error" showIcon title={failure} data-testid="resident-action-error" />}
      {canRate && (
        <Card title={t('report.mine.rateTitle')} data-testid="rate-form">
          <div data-testid="rate-stars">
            <Rate value={stars} onChange={setStars} tooltips={tooltips} style={{ fontSize: 'calc(var(--gz-font-size) + 22px)' }} />
          </div>
          {stars > 0 && <Typography.Text strong>{tooltips[stars - 1]}</Typography.Text>}
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('report.mine.comment')}
            aria-label={t('report.mine.comment')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={1000}
            style={{ margin: '12px 0' }}
            data-testid="rate-comment"
          />
          <Button
            type="primary"
            size="large"
            block
            icon={<StarOutlined />}
            disabled={stars === 0}
            loading={busy}
            onClick={() => run({ event: 'rate', rating: stars, ...(comment.trim() ? { comment: comment.trim() } : {}) }, t('report.mine.thanks'))}
            data-testid="action-rate"
          >
            {stars === 0 ? t('report.mine.rateRequired') : t('report.mine.submitRate')}
          </Button>
        </Card>
      )}
      {canReopen && (
        <Card>
          <Typography.Paragraph type="secondary">{t('report.mine.reopenHint')}</Typography.Paragraph>
          {reopening && (
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('report.mine.reopenNote')}
              aria-label={t('report.mine.reopenNote')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              style={{ marginBottom: 12 }}
              data-testid="reopen-note"
            />
          )}
          <Button
            size="large"
            block
            danger
            icon={<RedoOutlined />}
            loading={busy && reopening}
            onClick={() => (reopening ? run({ event: 'reopen', ...(note.trim() ? { note: note.trim() } : {}) }, t('report.mine.reopened')) : setReopening(true))}
            data-testid="action-reopen"
          >
            {t('report.mine.reopen')}
          </Button>
        </Card>
      )}
    </Space>
  );
}
