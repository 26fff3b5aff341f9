import { useEffect, useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { CheckOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RequestState } from '@gongzhi/core';
import { api } from '../../api/client.ts';
import type { Page, RequestSummary, SimilarRequest } from '../../api/types.ts';
import { formatMinute } from '../../components/time.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import { useRequestLabels } from './requestLabels.ts';

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
  const notifyError = useNotifyError();
  const [rows, setRows] = useState<SimilarRequest[]>([]);
  const [followed, setFollowed] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all([
      api.get<SimilarRequest[]>('/api/v1/requests/similar', { lat, lng, categoryCode }, ctrl.signal),
      api.get<Page<RequestSummary>>('/api/v1/requests', { mine: true, open: true, limit: 200 }, ctrl.signal).catch(() => ({ items: [], total: 0 })),
    ])
      .then(([near, mine]) => {
        const own = new Set(mine.items.map((r) => r.id));
        setRows(near.filter((r) => !own.has(r.id)));
      })
      // Only a courtesy before submitting: if it fails, the resident simply submits as usual.
      .catch(() => setRows([]));
    return () => ctrl.abort();
  }, [lat, lng, categoryCode]);

  if (!rows.length) return null;

  const follow = async (r: SimilarRequest) => {
    setBusy(r.id);
    try {
      await api.post<void>(`/api/v1/requests/${r.id}/follow`);
      setFollowed((s) => new Set(s).add(r.id));
      onFollowed?.(r);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };

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
                {r.number} · {labels.state(r.state as RequestState)} · {formatMinute(r.createdAt)}
              </Typography.Text>
              <div style={{ marginTop: 6 }}>
                {staff ? (
                  <Link to={`/requests/${r.id}`} target="_blank">{r.number}</Link>
                ) : followed.has(r.id) ? (
                  <Typography.Text type="success" data-testid="similar-followed">
                    <CheckOutlined /> {t('report.report.followed')}
                  </Typography.Text>
                ) : (
                  <Button icon={<UsergroupAddOutlined />} loading={busy === r.id} onClick={() => void follow(r)} data-testid="similar-follow">
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
