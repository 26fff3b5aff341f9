import { lazy, useState } from 'react';
import { Alert, Button, Input, Space, Switch, Typography } from 'antd';
import { AudioOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CreateRequestBody } from '../../api/types.ts';
import { Panel } from '../../components/Panel.tsx';
import { failureText, useNotifyError } from '../../components/useNotifyError.ts';
import { CategoryTiles, UNSURE } from './CategoryTiles.tsx';
import { hasLocation, LocationPicker, placeBody, type LocationValue } from './LocationPicker.tsx';
import { SimilarNotice } from './SimilarNotice.tsx';
import { useCategories } from './catalogue.ts';
import { MAX_PHOTO_BYTES, PhotoPicker } from './photos.tsx';
import { useFileRequest } from './useFileRequest.ts';

// Shown only after filing (antd's Result with its illustrations): fetched then, not on the first paint.
const ReportDone = lazy(() => import('./ReportDone.tsx').then((m) => ({ default: m.ReportDone })));

const EMPTY_PLACE: LocationValue = { address: '' };

/** A numbered section heading, so the page reads as steps without extra "next" taps. */
function Step({ n, title, hint }: { n: number; title: string; hint?: string }) {
  return (
    <div>
      <h2 className="gz-step-title">{n}. {title}</h2>
      {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
    </div>
  );
}

/**
 * /report — "反映问题" for a resident on a phone. One page of numbered sections rather than a wizard,
 * so that the whole job is ≤ 5 taps from the start page: open, pick a tile (optional), type, "use my
 * location", submit. Before submitting, open requests near the point are offered to follow instead.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { data: categories } = useCategories();
  const [category, setCategory] = useState<string | undefined>();
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState<LocationValue>(EMPTY_PLACE);
  const [anonymous, setAnonymous] = useState(false);
  const [problem, setProblem] = useState<'description' | 'location' | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const filing = useFileRequest((e) => notifyError(e));
  // Kept on the page (not only a passing toast): an older reader needs time to read it.
  const failure = failureText(filing.error);
  const done = filing.data?.created;
  const photoFailures = filing.data?.photoFailures ?? [];

  const reset = () => {
    setCategory(undefined);
    setDescription('');
    setPlace(EMPTY_PLACE);
    setAnonymous(false);
    setProblem(null);
    filing.reset();
    setPhotos([]);
  };

  const submit = () => {
    if (!description.trim()) return setProblem('description');
    if (!hasLocation(place)) return setProblem('location');
    if (photos.some((f) => f.size > MAX_PHOTO_BYTES)) return;
    setProblem(null);
    const body: CreateRequestBody = {
      description: description.trim(),
      ...(category && category !== UNSURE ? { categoryCode: category } : {}),
      ...placeBody(place),
      anonymous,
    };
    filing.mutate({ body, photos }, { onSuccess: () => window.scrollTo({ top: 0 }) });
  };

  if (done) return <div className="gz-report"><ReportDone request={done} detailPath={`/my-requests/${done.id}`} onAgain={reset} photoFailures={photoFailures} /></div>;

  const point = place.place?.kind === 'point' ? place.place : null;
  return (
    <div className="gz-report" data-testid="report-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>{t('report.report.title')}</Typography.Title>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Panel>
          <Step n={1} title={t('report.report.step1')} hint={t('report.report.step1Hint')} />
          <div style={{ marginTop: 12 }}>
            <CategoryTiles categories={categories} value={category} onChange={setCategory} />
          </div>
        </Panel>
        <Panel>
          <Step n={2} title={t('report.report.step2')} />
          <Input.TextArea
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder={t('report.report.placeholder')}
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={4000}
            status={problem === 'description' ? 'error' : undefined}
            aria-label={t('report.report.step2')}
            style={{ marginTop: 8 }}
            data-testid="report-description"
          />
          {problem === 'description' && <Typography.Text type="danger">{t('report.report.descriptionRequired')}</Typography.Text>}
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">
              <AudioOutlined aria-hidden /> {t('report.report.voiceHint')}
            </Typography.Text>
          </div>
          <div style={{ marginTop: 12 }}>
            <PhotoPicker files={photos} onChange={setPhotos} big />
          </div>
        </Panel>
        <Panel>
          <Step n={3} title={t('report.report.step3')} />
          <div style={{ marginTop: 12 }}>
            <LocationPicker value={place} onChange={(v) => { setPlace(v); setProblem(null); }} big />
          </div>
          {problem === 'location' && (
            <Alert type="error" showIcon title={t('report.report.locationRequired')} style={{ marginTop: 12 }} data-testid="report-location-required" />
          )}
        </Panel>
        {point && <SimilarNotice lat={point.lat} lng={point.lng} categoryCode={category || undefined} />}
        <Panel>
          <label style={{ display: 'flex', gap: 12, alignItems: 'center', cursor: 'pointer' }}>
            <Switch checked={anonymous} onChange={setAnonymous} data-testid="report-anonymous" />
            <span>
              <strong>{t('report.report.anonymous')}</strong>
              <br />
              <Typography.Text type="secondary">{t('report.report.anonymousHint')}</Typography.Text>
            </span>
          </label>
        </Panel>
        {failure && <Alert type="error" showIcon title={failure} data-testid="report-error" />}
        <Button type="primary" size="large" block icon={<SendOutlined />} loading={filing.isPending} onClick={() => void submit()} data-testid="report-submit" style={{ height: 'auto', minHeight: 56 }}>
          {t('report.report.submit')}
        </Button>
      </Space>
    </div>
  );
}
