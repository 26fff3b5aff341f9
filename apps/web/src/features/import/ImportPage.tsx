import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Result, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportCommitResult, ImportPreview } from '../../api/types.ts';
import { UploadStep } from './UploadStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';

/**
 * /import — the household register wizard: upload → preview with row problems → confirm → done.
 * `?regionId=` preselects the region (the region page links here).
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const regionId = params.get('regionId') ?? undefined;
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const step = result ? 2 : preview ? 1 : 0;

  const setRegion = (id?: string) => setParams(id ? { regionId: id } : {}, { replace: true });
  const restart = () => {
    setPreview(null);
    setResult(null);
  };

  return (
    <div data-testid="import-page">
      <Typography.Title level={3}>{t('import.title')}</Typography.Title>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('import.steps.upload') }, { title: t('import.steps.preview') }, { title: t('import.steps.done') }]}
        responsive
      />
      <Card>
        {step === 0 && <UploadStep regionId={regionId} onRegion={setRegion} onPreview={setPreview} />}
        {step === 1 && preview && <PreviewStep preview={preview} onBack={() => setPreview(null)} onDone={setResult} />}
        {step === 2 && result && (
          <Result
            status="success"
            title={t('import.doneTitle')}
            subTitle={t('import.doneText', { households: result.households, residents: result.residents })}
            data-testid="import-done"
            extra={[
              preview && (
                <Link key="region" to={`/org/regions/${preview.regionId}`}>
                  <Button type="primary">{t('import.viewRegion')}</Button>
                </Link>
              ),
              <Button key="again" onClick={restart}>
                {t('import.again')}
              </Button>,
            ]}
          />
        )}
      </Card>
    </div>
  );
}
