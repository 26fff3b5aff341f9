import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { CheckOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RequestState } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { SimilarRequest } from '../../api/types.ts';
import { formatMinute } from '../../components/time.ts';
import { useRequestLabels } from './requestLabels.ts';
import { similarQuery } from './requests.queries.ts';

/** Props of {@link SimilarNotice}. */
export interface SimilarNoticeProps {
  lat: number;
  lng: number;
  categoryCode?: string;
  /** Called once the resident has added themselves to one. */
  onFollowed?: (r: SimilarRequest) => void;
  /**
   * Staff filing for someone else get links instead of "我也遇到了": following would add the staff
   * member, not the resident, to the other request.
   */
  staff?: boolean;
}

/**
 * "附近已有人反映": open requests near the chosen point (and of the chosen category), each with
 * "我也遇到了" to follow it instead of filing a duplicate. The resident's own requests are left out:
 * "someone reported this" about one's own report would only confuse.
 */
export function SimilarNotice({ lat, lng, categoryCode, onFollowed, staff }: SimilarNoticeProps) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const [followed, setFollowed] = useState<Set<string>>(new Set());
  const { data: rows = [], isError } = useQuery(similarQuery({ lat, lng, categoryCode }));
  const following = useApiMutation({
    mutationFn: (r: SimilarRequest) => unwrap(gz.POST('/api/v1/requests/{id}/follow', { params: { path: { id: r.id } } })),
    onSuccess: (_, r) => {
      setFollowed((s) => new Set(s).add(r.id));
      onFollowed?.(r);
    },
  });
  const busy = following.isPending ? following.variables.id : null;
  // Only a courtesy before submitting: if it fails, the resident simply submits as usual.
  if (isError || !rows.length) return null;
  const follow = (r: SimilarRequest) => following.mutate(r);

  return (
    <Alert
      type="info"
      showIcon
      data-testid="report-similar"
      title={t('report.report.similarTitle')}
      description={
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          {rows.map((r) => (
            <div key={r.id} data-testid="similar-item">
              <Typography.Paragraph style={{ marginBottom: 4 }} ellipsis={{ rows: 3 }}>
                {r.description}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                {/* Residents get no request number (numbers run in sequence); staff do. */}
                {[r.number, labels.state(r.state as RequestState), formatMinute(r.createdAt)].filter(Boolean).join(' · ')}
              </Typography.Text>
              <div style={{ marginTop: 6 }}>
                {staff ? (
                  <Link to={`/requests/${r.id}`} target="_blank">{r.number}</Link>
                ) : followed.has(r.id) ? (
                  <Typography.Text type="success" data-testid="similar-followed">
                    <CheckOutlined /> {t('report.report.followed')}
                  </Typography.Text>
                ) : (
                  <Button icon={<UsergroupAddOutlined />} loading={busy === r.id} onClick={() => follow(r)} data-testid="similar-follow">
                    {t('report.report.follow')}
                  </Button>
                )}
              </div>
            </div>
          ))}
          {!staff && <Typography.Text type="secondary">{t('report.report.similarHint')}</Typography.Text>}
        </Space>
      }
    />
  );
}
