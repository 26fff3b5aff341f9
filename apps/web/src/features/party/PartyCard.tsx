import { useEffect, useState } from 'react';
import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';

/** The member's service card: the number, the community, and a QR of the number for staff to scan. */
export function PartyCard({ name, cardNo, community }: { name: string; cardNo: string; community: string }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(cardNo, { margin: 1, width: 200, errorCorrectionLevel: 'M' }).then((url) => { if (live) setQr(url); }, () => setQr(null));
    return () => { live = false; };
  }, [cardNo]);
  return (
    <Card title={t('party.me.card')} data-testid="party-card" style={{ marginBottom: 16, borderColor: '#c41d1d' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center' }}>
        {qr && <img src={qr} alt={`${t('party.me.cardNo')} ${cardNo}`} width={140} height={140} data-testid="party-card-qr" />}
        <Descriptions column={1} size="small" style={{ flex: '1 1 180px' }} items={[
          { key: 'n', label: t('party.staff.name'), children: name },
          { key: 'c', label: t('party.me.cardNo'), children: <span data-testid="party-card-no">{cardNo}</span> },
          { key: 'm', label: t('party.me.community'), children: community },
        ]} />
      </div>
    </Card>
  );
}
