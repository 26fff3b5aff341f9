import { useState } from 'react';
import { Alert, App, Button, Space, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { failureText } from '../../components/useNotifyError.ts';
import type { RequestDetail } from '../../api/types.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';

/**
 * Places an unplaced request (one that came with only an address, e.g. from an Open311 client) on a
 * grid or micro-grid, so it joins that community's queue and its counts.
 */
export function PlaceForm({ request, onChanged }: { request: RequestDetail; onChanged: (r: RequestDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [regionId, setRegionId] = useState<string>();
  const placing = useMutation({
    mutationFn: (to: string) => unwrap(gz.POST('/api/v1/requests/{id}/place', { params: { path: { id: request.id } }, body: { regionId: to } })),
    onSuccess: (next) => {
      onChanged(next);
      void message.success(t('requests.place.done'));
    },
  });
  const failure = failureText(placing.error);
  const place = () => {
    if (regionId) placing.mutate(regionId);
  };

  return (
    <div data-testid="place-form" style={{ marginTop: 8 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('requests.place.hint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <RegionTreeSelect
          value={regionId}
          onChange={(id) => setRegionId(id)}
          selectable={(r) => r.level === 'grid' || r.level === 'microgrid'}
          placeholder={t('requests.place.wrongLevel')}
          style={{ flex: 1 }}
          testId="place-region"
        />
        <Button type="primary" icon={<EnvironmentOutlined />} disabled={!regionId} loading={placing.isPending} onClick={place} data-testid="place-submit">
          {t('requests.place.submit')}
        </Button>
      </Space.Compact>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 8 }} data-testid="place-error" />}
    </div>
  );
}
