import { useEffect, useState } from 'react';
import { Card, Segmented, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { codeQuery } from './activities.queries.ts';

/**
 * The organiser's big QR code for check-in or check-out. The server signs a fresh code every 20
 * seconds (each valid about a minute); the QR opens the activity page with the token, and the short
 * code under it is for typing.
 */
export function QrPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'in' | 'out'>('in');
  const code = useQuery(codeQuery(id, kind));
  const [image, setImage] = useState<string | null>(null);
  const token = code.data?.token;
  useEffect(() => {
    if (!token) return;
    let live = true;
    const url = `${window.location.origin}/activities/${id}?code=${encodeURIComponent(token)}`;
    void QRCode.toDataURL(url, { width: 320, margin: 1, errorCorrectionLevel: 'M' }).then((src) => { if (live) setImage(src); });
    return () => { live = false; };
  }, [id, token]);
  return (
    <Card title={t('activities.organiser.qrTitle')} data-testid="qr-panel">
      <Segmented block size="large" value={kind} onChange={(v) => setKind(v as 'in' | 'out')} data-testid="qr-kind"
        options={[{ value: 'in', label: t('activities.organiser.qrIn') }, { value: 'out', label: t('activities.organiser.qrOut') }]} />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {image && code.data ? <img src={image} alt={code.data.shortCode} style={{ width: '100%', maxWidth: 320 }} data-testid="qr-image" /> : <Spin />}
        <Typography.Title level={1} className="gz-mono" style={{ letterSpacing: 8, margin: '8px 0' }} data-testid="qr-short-code">{code.data?.shortCode}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('activities.organiser.qrHint')}</Typography.Paragraph>
      </div>
    </Card>
  );
}
