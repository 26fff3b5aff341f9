import { useState } from 'react';
import { Button, Popconfirm, Space } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';

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
  const [full, setFull] = useState<string | null>(null);
  // A mutation, not a query: each reveal is an audited act, and the value must never enter the cache.
  const reveal = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/residents/{id}/reveal', { params: { path: { id: residentId } }, body: { field } })),
    onSuccess: (r) => setFull(r.value ?? '—'),
  });

  if (!masked) return <span data-testid={testId}>—</span>;
  return (
    <Space wrap>
      <span className="gz-mono" data-testid={testId} data-revealed={full !== null}>
        {full ?? masked}
      </span>
      {canReveal && full === null && (
        <Popconfirm title={t('common.reveal.confirm')} okText={t('common.reveal.ok')} onConfirm={() => reveal.mutate()} styles={{ root: { maxWidth: 360 } }}>
          <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} data-testid={`${testId}-reveal`}>
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
