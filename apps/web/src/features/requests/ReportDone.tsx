import { Alert, Button, Card, Result, Space } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '../../api/types.ts';
import { formatMinute } from '../../components/time.ts';

/** Props of {@link ReportDone}. */
export interface ReportDoneProps {
  request: RequestDetail;
  /** Where "see it" goes: the resident's own list, or the staff detail page. */
  detailPath: string;
  onAgain: () => void;
  /** Photos that could not be attached, each "name: reason". */
  photoFailures?: readonly string[];
}

/**
 * After submitting: the number to quote on the phone, what happens next with the real deadlines the
 * API computed (in working time where the category says so), and an honest note that this demo
 * records notifications rather than sending SMS or WeChat messages.
 */
export function ReportDone({ request, detailPath, onAgain, photoFailures = [] }: ReportDoneProps) {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={t('report.report.done.title')}
      data-testid="report-done"
      subTitle={
        <span>
          {t('report.report.done.number')}
          <br />
          <span className="gz-big-number gz-mono" data-testid="request-number">{request.number}</span>
        </span>
      }
      extra={
        <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 480, textAlign: 'left' }}>
          <Card size="small" title={t('report.report.done.next')}>
            <ol style={{ paddingLeft: 20, margin: 0 }} data-testid="report-next">
              <li>{t('report.report.done.respond', { time: formatMinute(request.respondDueAt) })}</li>
              <li>
                {request.resolveDueAt
                  ? t('report.report.done.resolve', { time: formatMinute(request.resolveDueAt) })
                  : t('report.report.done.resolveLater')}
              </li>
              <li>{t('report.report.done.progress')}</li>
            </ol>
          </Card>
          {photoFailures.length > 0 && (
            <Alert type="warning" showIcon title={t('report.photos.failed')} description={photoFailures.join('\n')} style={{ whiteSpace: 'pre-wrap' }} />
          )}
          <Alert type="info" showIcon title={t('report.report.done.notice')} data-testid="report-notice" />
          <Link to={detailPath}>
            <Button type="primary" size="large" block data-testid="report-see">
              {t('report.report.done.mine')}
            </Button>
          </Link>
          <Button size="large" block onClick={onAgain} data-testid="report-again">
            {t('report.report.done.again')}
          </Button>
        </Space>
      }
    />
  );
}
