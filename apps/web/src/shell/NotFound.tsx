import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The page for paths the console does not know. */
export default function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common.notFound.title')}
      subTitle={t('common.notFound.text')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.notFound.home')}</Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}
