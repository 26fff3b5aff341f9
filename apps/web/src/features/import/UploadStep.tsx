import { useState } from 'react';
import { Alert, Button, Form, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { download, upload } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { ImportPreview } from '../../api/types.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useNotifyError } from '../../components/useNotifyError.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = ['.xlsx', '.csv'];
// Households hang below communities, grids and micro-grids; streets and districts are too coarse.
const TARGET_LEVELS = new Set(['community', 'grid', 'microgrid']);

/** Step 1: choose the region, choose the file, upload it for a preview (nothing is written yet). */
export function UploadStep(props: { regionId?: string; onRegion: (id?: string) => void; onPreview: (p: ImportPreview) => void }) {
  const { regionId, onRegion, onPreview } = props;
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // Only a preview: nothing is written, so nothing in the cache goes stale yet.
  const uploading = useApiMutation({
    mutationFn: (form: FormData) => upload('/api/v1/imports', form),
    onSuccess: (preview) => onPreview(preview),
  });
  const busy = uploading.isPending;

  const pick = (f: File) => {
    const name = f.name.toLowerCase();
    // Checked here so a wrong file fails at once, not after a 10 MB upload on a phone connection.
    if (!ACCEPT.some((ext) => name.endsWith(ext))) setFileError(t('import.badType'));
    else if (f.size > MAX_BYTES) setFileError(t('import.tooBig'));
    else {
      setFileError(null);
      setFile(f);
      return false;
    }
    setFile(null);
    return Upload.LIST_IGNORE;
  };

  const send = () => {
    if (!regionId || !file) return;
    const form = new FormData();
    form.append('regionId', regionId); // before the file, so the server knows the region when the file arrives
    form.append('file', file, file.name);
    uploading.mutate(form);
  };

  return (
    <Form layout="vertical" style={{ maxWidth: 640 }} data-testid="import-upload">
      <Form.Item label={t('import.region')} required>
        <RegionTreeSelect
          value={regionId}
          onChange={(id) => onRegion(id)}
          selectable={(r) => TARGET_LEVELS.has(r.level) && !r.retired}
          style={{ width: '100%' }}
          testId="import-region"
        />
      </Form.Item>
      <Form.Item label={t('import.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError}>
        <div data-testid="import-file">
          <Upload.Dragger
            accept={ACCEPT.join(',')}
            maxCount={1}
            beforeUpload={pick}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('import.drop')}</p>
            <Typography.Text type="secondary">{t('import.dropHint')}</Typography.Text>
          </Upload.Dragger>
        </div>
      </Form.Item>
      <Alert type="info" showIcon title={t('import.columns')} style={{ marginBottom: 16 }} />
      <Space wrap>
        <Button type="primary" icon={<UploadOutlined />} disabled={!regionId || !file} loading={busy} onClick={send} data-testid="import-upload-button">
          {t('import.uploadButton')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download('/api/v1/imports/template.xlsx', undefined, 'template.xlsx').catch(notifyError)}
          data-testid="import-template"
        >
          {t('import.template')}
        </Button>
      </Space>
      <div style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('import.nothingWritten')}</Typography.Text>
      </div>
    </Form>
  );
}
