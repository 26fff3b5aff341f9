import { useEffect, useMemo, useRef } from 'react';
import { Button, Space, Typography } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { upload } from '../../api/client.ts';
import type { RequestDetail } from '../../api/types.ts';

/** Photos per request, as the API allows (photos.service.ts). */
export const MAX_PHOTOS = 6;
/** Largest photo the API accepts: checked here too, so nobody waits for an upload that must fail. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

/** Props of {@link PhotoPicker}. */
export interface PhotoPickerProps {
  files: File[];
  onChange: (files: File[]) => void;
  big?: boolean;
}

/**
 * Optional photos for a new request: the phone's camera or gallery, previews with a remove button.
 * Files too large are refused here with the limit in words; the server still sniffs every type.
 */
export function PhotoPicker({ files, onChange, big }: PhotoPickerProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const previews = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);
  const tooBig = files.some((f) => f.size > MAX_PHOTO_BYTES);

  const add = (list: FileList | null) => {
    if (!list) return;
    onChange([...files, ...Array.from(list)].slice(0, MAX_PHOTOS));
    if (input.current) input.current.value = ''; // choosing the same file again must fire onChange
  };

  return (
    <div data-testid="photo-picker">
      <input ref={input} type="file" accept="image/*" multiple hidden aria-label={t('report.photos.add')} onChange={(e) => add(e.target.files)} data-testid="photo-input" />
      {files.length > 0 && (
        <Space wrap size={8} style={{ marginBottom: 8 }}>
          {previews.map((src, i) => (
            <div key={src} style={{ position: 'relative' }}>
              <img src={src} alt={t('report.photos.preview', { n: i + 1 })} style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 8, border: '1px solid #d0d0d0' }} />
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined />}
                aria-label={t('report.photos.remove')}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
                style={{ position: 'absolute', top: -8, right: -8 }}
              />
            </div>
          ))}
        </Space>
      )}
      {files.length < MAX_PHOTOS && (
        <Button
          size={big ? 'large' : undefined}
          block={big}
          icon={<CameraOutlined />}
          onClick={() => input.current?.click()}
          // Long labels in large type wrap instead of running off a phone screen.
          style={{ height: 'auto', whiteSpace: 'normal' }}
          data-testid="photo-add"
        >
          {t('report.photos.add')}
        </Button>
      )}
      {tooBig && <Typography.Text type="danger" style={{ display: 'block' }}>{t('report.photos.tooBig', { mb: MAX_PHOTO_BYTES / 1024 / 1024 })}</Typography.Text>}
    </div>
  );
}

/**
 * Uploads photos one by one after the request exists (the API attaches photos to a request). The
 * request is already filed, so a failed photo is reported, never a reason to lose the request.
 */
export async function uploadPhotos(requestId: string, files: readonly File[]): Promise<{ request?: RequestDetail; failed: string[] }> {
  let latest: RequestDetail | undefined;
  const failed: string[] = [];
  for (const file of files) {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      latest = await upload('/api/v1/requests/{id}/photos', form, { id: requestId });
    } catch (e) {
      failed.push(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { request: latest, failed };
}

/** A request's photos as thumbnails, each opening the full photo. */
export function PhotoStrip({ photos }: { photos: RequestDetail['photos'] }) {
  const { t } = useTranslation();
  if (!photos.length) return null;
  return (
    <Space wrap size={8} data-testid="request-photos">
      {photos.map((p, i) => (
        <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
          <img src={p.thumbUrl ?? p.url} alt={t('report.photos.preview', { n: i + 1 })} style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 8 }} />
        </a>
      ))}
    </Space>
  );
}
