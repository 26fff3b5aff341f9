import { useState } from 'react';
import { Button, Popconfirm, Space } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { RevealResult } from '../../api/types.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';

/** Props of {@link MaskedValue}. */
export interface MaskedValueProps {
  residentId: string;
  field: 'idNumber' | 'phone';
  masked: string | null;
  /** The user holds 'pii.reveal' for this resident. */
  canReveal: boolean;
  testId: string;
}

/**
 * A masked ID number or phone, with "show full number" for those allowed. Revealing is deliberate:
 * a confirmation says that the view is written to the audit log, and the full value is kept only in
 * this component's state, never cached or stored.
 */
export function MaskedValue({ residentId, field, masked, canReveal, testId }: MaskedValueProps) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    setBusy(true);
    try {
      const r = await api.post<RevealResult>(`/api/v1/residents/${residentId}/reveal`, { field });
      setFull(r.value ?? '—');
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!masked) return <span data-testid={testId}>—</span>;
  return (
    <Space wrap>
      <span className="gz-mono" data-testid={testId} data-revealed={full !== null}>
        {full ?? masked}
      </span>
      {canReveal && full === null && (
        <Popconfirm title={t('common.reveal.confirm')} okText={t('common.reveal.ok')} onConfirm={reveal} styles={{ root: { maxWidth: 360 } }}>
          <Button size="small" icon={<EyeOutlined />} loading={busy} data-testid={`${testId}-reveal`}>
            {t('common.reveal.button')}
          </Button>
        </Popconfirm>
      )}
      {full !== null && (
        <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setFull(null)} data-testid={`${testId}-hide`}>
          {t('common.reveal.hide')}
        </Button>
      )}
    </Space>
  );
}
