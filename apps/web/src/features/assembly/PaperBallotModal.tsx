import { useState } from 'react';
import { App, Button, Input, List, Modal, Radio, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { upload } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import type { AssemblyDetail, Choice, RollEntry } from './types.ts';

/**
 * Staff enter a paper ballot: find the owner on the frozen roll by unit number or name, set each
 * matter's choice as marked on paper, attach the scan, send. The roll shows who has voted, never how.
 */
export function PaperBallotModal({ assembly, open, onClose, onSaved }: { assembly: AssemblyDetail; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const [q, setQ] = useState('');
  const [owner, setOwner] = useState<RollEntry | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [scan, setScan] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const roll = useApi<RollEntry[]>(open ? `/api/v1/assemblies/${assembly.id}/roll` : null, { q: q || undefined, limit: 20 });
  const complete = owner && scan && assembly.matters.every((m) => choices[m.id]);

  const reset = () => { setOwner(null); setChoices({}); setScan(null); };
  const submit = async () => {
    if (!owner || !scan) return;
    const form = new FormData();
    // Text fields before the file: the server reads the parts in order.
    form.append('ownerKey', owner.ownerKey);
    form.append('choices', JSON.stringify(assembly.matters.map((m) => ({ matterId: m.id, choice: choices[m.id] }))));
    form.append('file', scan);
    setBusy(true);
    try {
      await upload(`/api/v1/assemblies/${assembly.id}/paper-ballots`, form);
      void message.success(t('assembly.paper.saved'));
      reset();
      roll.reload();
      onSaved();
    } catch (err) {
      notify(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('assembly.paper.title')} onCancel={() => { reset(); onClose(); }} footer={null} width={640} destroyOnHidden>
      {!owner ? (
        <>
          <Input.Search placeholder={t('assembly.paper.search')} allowClear onSearch={setQ} data-testid="paper-search" />
          <List
            size="small" loading={roll.loading} dataSource={roll.data ?? []} style={{ marginTop: 8, maxHeight: 360, overflow: 'auto' }}
            renderItem={(r) => (
              <List.Item actions={[r.voted
                ? <Tag key="v">{t('assembly.paper.voted')}</Tag>
                : <Button key="c" size="small" onClick={() => setOwner(r)} data-testid="paper-choose">{t('assembly.paper.choose')}</Button>]}
              >
                <List.Item.Meta title={r.label} description={`${r.units} · ${r.area} m²`} />
              </List.Item>
            )}
          />
        </>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Text strong>{owner.label}</Typography.Text>
          <Typography.Text type="secondary">{owner.units} · {owner.area} m²</Typography.Text>
          {assembly.matters.map((m) => (
            <div key={m.id}>
              <div>{m.position}. {m.title}</div>
              <Radio.Group value={choices[m.id]} onChange={(e) => setChoices((c) => ({ ...c, [m.id]: e.target.value as Choice }))} optionType="button" buttonStyle="solid">
                {(['for', 'against', 'abstain'] as const).map((c) => <Radio.Button key={c} value={c} data-testid={`paper-${m.position}-${c}`}>{t(`assembly.ballot.${c}`)}</Radio.Button>)}
              </Radio.Group>
            </div>
          ))}
          <div>
            <div>{t('assembly.paper.scan')}</div>
            <Upload accept="image/jpeg,image/png,application/pdf" maxCount={1} beforeUpload={(f) => { setScan(f); return false; }} onRemove={() => setScan(null)}>
              <Button icon={<UploadOutlined />} data-testid="paper-scan">{t('assembly.paper.pickScan')}</Button>
            </Upload>
          </div>
          <Space>
            <Button onClick={reset}>{t('common.action.back')}</Button>
            <Button type="primary" disabled={!complete} loading={busy} onClick={() => void submit()} data-testid="paper-submit">{t('assembly.paper.submit')}</Button>
          </Space>
        </Space>
      )}
    </Modal>
  );
}
