import { useState } from 'react';
import { Alert, App, Button, Checkbox, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import type { InstructionPreview, UncoveredPart } from './types.ts';

/** Props of {@link SendConfirmModal}. */
export interface SendConfirmModalProps {
  preview: InstructionPreview;
  /** Sends; `acknowledged` is true when the sender ticked that uncovered parts will not get it. */
  onConfirm: (acknowledged: boolean) => void;
  /** Runs the dry run again (after a worker was assigned). */
  onRecount: () => void;
  onClose: () => void;
  sending: boolean;
}

/** The grid workers one may assign to an uncovered micro-grid (users holding a grid-worker role in one's scope). */
function useGridWorkers(enabled: boolean) {
  return useQuery({
    queryKey: ['instructions', 'grid-workers'],
    enabled,
    queryFn: async ({ signal }) => {
      const page = await unwrap(gz.GET('/api/v1/users', { params: { query: { limit: 200 } }, signal }));
      return page.items.filter((u) => !u.disabled && u.grants.some((g) => g.role === 'grid_worker'));
    },
  });
}

function AssignWorker({ part, onAssigned }: { part: UncoveredPart; onAssigned: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const workers = useGridWorkers(open);
  const assign = async (userId: string) => {
    setBusy(true);
    try {
      await unwrap(gz.POST('/api/v1/users/{id}/grants', { params: { path: { id: userId } }, body: { role: 'grid_worker', regionId: part.regionId } }));
      void message.success(t('instructions.send.assigned'));
      onAssigned();
    } catch (e) {
      notify(e);
    } finally {
      setBusy(false);
    }
  };
  if (!open) return <Button size="small" onClick={() => setOpen(true)} data-testid="uncovered-assign">{t('instructions.send.assign')}</Button>;
  return (
    <Select
      size="small" style={{ minWidth: 160 }} showSearch={{ optionFilterProp: 'label' }} loading={workers.isLoading || busy} disabled={busy}
      placeholder={t('instructions.send.assignPlaceholder')} aria-label={t('instructions.send.assignPlaceholder')} data-testid="uncovered-assign-select"
      options={(workers.data ?? []).map((u) => ({ value: u.id, label: `${u.name} ${u.phone}` }))}
      onChange={(v: string) => void assign(v)}
    />
  );
}

/**
 * The confirmation before an instruction goes out (a mass action): what it reaches — micro-grids,
 * households, workers — and every part nobody would reach with why, where a worker can be assigned
 * on the spot. With uncovered parts, sending needs the explicit acknowledgement the API asks for.
 * Only the buttons act: nothing here submits on Enter.
 */
export function SendConfirmModal({ preview, onConfirm, onRecount, onClose, sending }: SendConfirmModalProps) {
  const { t } = useTranslation();
  const [ack, setAck] = useState(false);
  const uncovered = preview.uncovered;
  return (
    <Modal
      open title={t('instructions.send.title')} onCancel={onClose} destroyOnHidden width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('instructions.send.cancel')}</Button>,
        <Button key="ok" type="primary" loading={sending} disabled={uncovered.length > 0 && !ack} onClick={() => onConfirm(ack)} data-testid="send-confirm">
          {t('instructions.send.confirm')}
        </Button>,
      ]}
    >
      <div data-testid="send-summary">
        <Typography.Paragraph strong>
          {t('instructions.send.summary', { microgrids: preview.microgrids, households: preview.households, workers: preview.workers })}
        </Typography.Paragraph>
        {uncovered.length === 0 ? (
          <Alert type="success" showIcon title={t('instructions.send.allCovered')} />
        ) : (
          <>
            <Alert type="warning" showIcon title={t('instructions.send.uncovered', { count: uncovered.length, households: preview.uncoveredHouseholds })} data-testid="send-uncovered" />
            <List
              size="small" style={{ maxHeight: 280, overflow: 'auto', margin: '8px 0' }} dataSource={uncovered} rowKey={(u) => u.path}
              renderItem={(u) => (
                <List.Item data-testid="uncovered-part" data-reason={u.reason}
                  actions={u.reason === 'no_worker' ? [<AssignWorker key="a" part={u} onAssigned={onRecount} />] : []}>
                  <Space wrap>
                    <span>{u.name}</span>
                    <Tag color={u.reason === 'no_worker' ? 'orange' : 'default'}>{t(`instructions.send.reason.${u.reason}`)}</Tag>
                    {u.households > 0 && <Typography.Text type="secondary">{t('instructions.send.households', { n: u.households })}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
            <Checkbox checked={ack} onChange={(e) => setAck(e.target.checked)} data-testid="send-acknowledge">{t('instructions.send.acknowledge')}</Checkbox>
          </>
        )}
      </div>
    </Modal>
  );
}
