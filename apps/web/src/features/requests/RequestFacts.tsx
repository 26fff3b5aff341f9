import { Card, Descriptions, Rate, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '../../api/types.ts';
import { formatMinute } from '../../components/time.ts';
import { useSession } from '../../shell/session.tsx';
import { PlaceForm } from './PlaceForm.tsx';
import { MatterTag } from './RequestTags.tsx';
import { PhotoStrip } from './photos.tsx';
import { useRequestLabels } from './requestLabels.ts';

/**
 * What the request is: the description (plain text, never HTML), category and class, place (or
 * "待定位" with the form to place it), the reporter as staff may see them (phone masked), the owner
 * who answers for it (首问负责), deadlines, and the reply and rating once there.
 */
export function RequestFacts({ request: r, onChanged }: { request: RequestDetail; onChanged: (r: RequestDetail) => void }) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const { can } = useSession();
  const place = r.region ? (
    <Space size={4} wrap>
      <Link to={`/org/regions/${r.region.id}`}>{r.region.name}</Link>
      {r.address && <Typography.Text type="secondary">{r.address}</Typography.Text>}
    </Space>
  ) : (
    <div>
      <Tag color="warning" data-testid="request-unplaced">{t('requests.unplaced')}</Tag>
      {r.address}
      {can('request.sort') && <PlaceForm request={r} onChanged={onChanged} />}
    </div>
  );
  const reporter = r.reporter ? (
    <Space size={4} wrap>
      <span>{r.reporter.name ?? t('requests.detail.noName')}</span>
      {r.reporter.phone && <span className="gz-mono" data-testid="reporter-phone">{r.reporter.phone}</span>}
      {r.anonymous && <Tag>{t('requests.detail.anonymous')}</Tag>}
    </Space>
  ) : '—';

  const items: NonNullable<DescriptionsProps['items']> = [
    { key: 'category', label: t('requests.detail.category'), children: <Space size={4} wrap><MatterTag matter={r.matter} />{r.category && labels.category(r.category)}</Space> },
    { key: 'department', label: t('requests.detail.department'), children: r.department?.name ?? '—' },
    { key: 'place', label: t('requests.detail.place'), children: place },
    { key: 'reporter', label: t('requests.detail.reporter'), children: reporter },
    { key: 'channel', label: t('requests.detail.channel'), children: t(`requests.channel.${r.channel}`) },
    { key: 'owner', label: t('requests.detail.owner'), children: r.owner?.name ?? '—' },
    { key: 'created', label: t('requests.detail.created'), children: formatMinute(r.createdAt) },
    { key: 'respondDue', label: t('requests.detail.respondDue'), children: formatMinute(r.respondDueAt) },
    { key: 'resolveDue', label: t('requests.detail.resolveDue'), children: formatMinute(r.resolveDueAt) },
  ];
  if (r.mergedInto) {
    items.push({ key: 'merged', label: t('requests.detail.mergedInto'), children: <Link to={`/requests/${r.mergedInto.id}`} className="gz-mono">{r.mergedInto.number}</Link> });
  }
  if (r.reopenedCount > 0) items.push({ key: 'reopened', label: t('requests.detail.reopenedLabel'), children: <Tag color="orange">{t('requests.detail.reopened', { count: r.reopenedCount })}</Tag> });

  return (
    <Card title={t('requests.detail.facts')} data-testid="request-facts">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 'calc(var(--gz-font-size) + 1px)' }} data-testid="request-description">
        {r.description}
      </Typography.Paragraph>
      {r.photos.length > 0 && <div style={{ marginBottom: 12 }}><PhotoStrip photos={r.photos} /></div>}
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" items={items} />
      {r.reply && (
        <Card type="inner" size="small" title={t('requests.detail.reply')} style={{ marginTop: 12 }} data-testid="request-reply">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.reply}</Typography.Paragraph>
        </Card>
      )}
      {r.rating !== null && (
        <Card type="inner" size="small" title={t('requests.detail.rating')} style={{ marginTop: 12 }} data-testid="request-rating">
          <Rate disabled value={r.rating} />
          {r.ratingComment && <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.ratingComment}</Typography.Paragraph>}
        </Card>
      )}
    </Card>
  );
}
