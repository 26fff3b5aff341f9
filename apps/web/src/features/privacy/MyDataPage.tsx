import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { download, gz, unwrap } from '../../api/client.ts';
import { useSession } from '../../shell/session.tsx';

/** /my-data — a person's copy of everything held about them, and removal on request (PIPL). */
export default function MyDataPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session, signOut } = useSession();
  const staff = session?.grants.some((g) => !['resident', 'owner', 'party_member'].includes(g.role)) ?? false;

  const exportData = async () => {
    try {
      await download('/api/v1/me/data', undefined, 'gongzhi-my-data.json');
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  const erasing = useMutation({
    mutationFn: async () => {
      await unwrap(gz.POST('/api/v1/me/erasure', { body: { confirm: true } }));
      await signOut().catch(() => undefined);
    },
    onError: (err) => void message.error(err.message),
  });
  const busy = erasing.isPending;
  const erase = () => erasing.mutate();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={3}>{t('privacy.title')}</Typography.Title>
      <Typography.Paragraph>{t('privacy.intro')}</Typography.Paragraph>
      <Card title={t('privacy.exportTitle')}>
        <Typography.Paragraph>{t('privacy.exportHelp')}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} onClick={() => void exportData()} data-testid="my-data-export">{t('privacy.exportButton')}</Button>
      </Card>
      <Card title={t('privacy.eraseTitle')}>
        <Typography.Paragraph>{t('privacy.eraseHelp')}</Typography.Paragraph>
        {staff ? <Alert type="info" showIcon message={t('privacy.staffNote')} /> : (
          <Popconfirm title={t('privacy.eraseConfirm')} okText={t('privacy.eraseOk')} cancelText={t('privacy.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void erase()}>
            <Button danger icon={<DeleteOutlined />} loading={busy} data-testid="my-data-erase">{t('privacy.eraseButton')}</Button>
          </Popconfirm>
        )}
      </Card>
    </Space>
  );
}
