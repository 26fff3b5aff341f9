import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';

/**
 * A failed page load. Out-of-scope records answer 404 exactly like missing ones, so the text says
 * "not found or outside your area" rather than guessing which.
 */
export function PageError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error.status === 404) {
    return <Result status="404" title={t('common.error.title')} subTitle={error.message || t('common.error.notFound')} />;
  }
  if (error.status === 403) {
    return <Result status="403" title={t('common.error.forbidden')} subTitle={error.message} />;
  }
  return (
    <Result
      status="error"
      title={t('common.error.title')}
      subTitle={error.message}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.action.retry')}</Button> : null}
    />
  );
}
