import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Select, Space, Switch, Tag, Typography } from 'antd';
import { ExportOutlined, HomeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RESIDENT_TAGS, type ResidentTag } from '@gongzhi/core';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { UpdateResidentBody } from '../../api/types.ts';
import { PageError } from '../../components/PageError.tsx';
import { ResidentTags } from '../../components/ResidentTags.tsx';
import { ResidentAccountCard } from '../users/ResidentAccountCard.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import { PageSpinner } from '../../shell/AppLayout.tsx';
import { RegionBreadcrumb } from './RegionBreadcrumb.tsx';
import { useRevealInTree } from './OrgPage.tsx';
import { MaskedValue } from './MaskedValue.tsx';
import { useRelationLabel } from './relations.ts';
import { orgKeys, residentQuery } from './org.queries.ts';

/** /org/residents/:id — one resident: masked details with audited reveal, tags, moved-out. */
export default function ResidentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useDomainLabels();
  const relationLabel = useRelationLabel();
  const { data, error, refetch } = useQuery(residentQuery(id));
  const r = data?.id === id ? data : undefined;
  useRevealInTree(r?.ancestors.map((a) => a.id));
  // The tags being edited, with the record they were edited on: a newer load of the record (after a
  // save, or another resident) shows its own tags again, without an effect copying them over.
  const [edit, setEdit] = useState<{ of: typeof r; tags: ResidentTag[] }>();
  const update = useApiMutation({
    mutationFn: (body: UpdateResidentBody) => unwrap(gz.PATCH('/api/v1/residents/{id}', { params: { path: { id } }, body })),
    invalidates: [orgKeys.all],
    onSuccess: () => void message.success(t('common.action.saved')),
  });

  if (error && !r) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!r) return <PageSpinner />;

  const tags = edit?.of === r ? edit.tags : r.tags;
  const setTags = (next: ResidentTag[]) => setEdit({ of: r, tags: next });
  const canWrite = r.abilities.includes('people.write');
  const canReveal = r.abilities.includes('pii.reveal');
  const tagsChanged = tags.length !== r.tags.length || tags.some((x) => !r.tags.includes(x));
  const saving = update.isPending;
  const save = (body: UpdateResidentBody) => update.mutate(body);

  return (
    <div data-testid="resident-page">
      <RegionBreadcrumb ancestors={r.ancestors} current={r.name} />
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {r.name}
        </Typography.Title>
        {r.movedOut && (
          <Tag icon={<ExportOutlined />} data-testid="resident-moved-out">
            {t('people.resident.movedOut')}
          </Tag>
        )}
      </Space>
      <Descriptions bordered styles={{ label: { whiteSpace: 'nowrap' } }} size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('people.resident.gender')}>{r.gender ? t(`common.gender.${r.gender}`) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('people.resident.age')}>{r.age ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('people.resident.birthDate')}>{r.birthDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('people.resident.relation')}>{relationLabel(r.relation)}</Descriptions.Item>
        <Descriptions.Item label={t('people.resident.idNumber')}>
          <MaskedValue residentId={r.id} field="idNumber" masked={r.idNumber} canReveal={canReveal} testId="resident-id-number" />
        </Descriptions.Item>
        <Descriptions.Item label={t('people.resident.phone')}>
          <MaskedValue residentId={r.id} field="phone" masked={r.phone} canReveal={canReveal} testId="resident-phone" />
        </Descriptions.Item>
        <Descriptions.Item label={t('people.resident.household')}>
          <Link to={`/org/households/${r.householdId}`}>
            <HomeOutlined /> {r.address ?? '—'}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('people.resident.region')}>
          <Link to={`/org/regions/${r.regionId}`}>{r.regionName ?? '—'}</Link>
        </Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t('people.resident.tags')} style={{ marginBottom: 12 }} data-testid="resident-tags">
        {canWrite ? (
          <Space wrap style={{ width: '100%' }}>
            <Select<ResidentTag[]>
              mode="multiple"
              value={tags}
              onChange={setTags}
              options={RESIDENT_TAGS.map((tag) => ({ value: tag, label: labels.tag(tag) }))}
              style={{ minWidth: 280 }}
              aria-label={t('people.resident.editTags')}
              data-testid="resident-tags-select"
            />
            <Button type="primary" disabled={!tagsChanged} loading={saving} onClick={() => save({ tags })} data-testid="resident-tags-save">
              {t('common.action.save')}
            </Button>
          </Space>
        ) : (
          <ResidentTags tags={r.tags} />
        )}
      </Card>

      <div style={{ marginBottom: 12 }}><ResidentAccountCard residentId={r.id} canWrite={canWrite} /></div>

      {canWrite && (
        <Card size="small" title={t('people.resident.movedOut')}>
          <Space wrap>
            <Switch
              checked={r.movedOut ?? false}
              loading={saving}
              onChange={(on) => save({ movedOut: on })}
              data-testid="resident-moved-out-switch"
              aria-label={t('people.resident.movedOut')}
            />
            <span>{r.movedOut ? t('people.resident.movedOut') : t('people.resident.stillHere')}</span>
            <Typography.Text type="secondary">{t('people.resident.movedOutHelp')}</Typography.Text>
          </Space>
        </Card>
      )}
    </div>
  );
}
