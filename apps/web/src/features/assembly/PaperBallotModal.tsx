import { useState } from 'react';
import { App, Button, Input, List, Modal, Radio, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { upload } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { AssemblyDetail, Choice, RollEntry } from './types.ts';
import { assemblyKeys, rollQuery } from './assembly.queries.ts';

/**
 * Staff enter a paper ballot: find the owner on the frozen roll by unit number or name, set each
 * matter's choice as marked on paper, attach the scan, send. The roll shows who has voted, never how.
 */
export function PaperBallotModal({ assembly, open, onClose }: { assembly: AssemblyDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [owner, setOwner] = useState<RollEntry | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [scan, setScan] = useState<File | null>(null);
  const roll = useQuery({ ...rollQuery(assembly.id, q), enabled: open });
  const complete = owner && scan && assembly.matters.every((m) => choices[m.id]);

  const reset = () => { setOwner(null); setChoices({}); setScan(null); };
  // The roll (now marking this owner as voted) and the live progress refetch.
  const entering = useApiMutation({
    mutationFn: (form: FormData) => upload('/api/v1/assemblies/{id}/paper-ballots', form, { id: assembly.id }),
    invalidates: [assemblyKeys.all],
    onSuccess: () => {
      void message.success(t('assembly.paper.saved'));
      reset();
    },
  });
  const busy = entering.isPending;
  const submit = () => {
    if (!owner || !scan) return;
    const form = new FormData();
    // Text fields before the file: the server reads the parts in order.
    form.append('ownerKey', owner.ownerKey);
    form.append('choices', JSON.stringify(assembly.matters.map((m) => ({ matterId: m.id, choice: choices[m.id] }))));
    form.append('file', scan);
    entering.mutate(form);
  };

  return (
    <Modal open={open} title={t('assembly.paper.title')} onCancel={() => { reset(); onClose(); }} footer={null} width={640} destroyOnHidden>
      {!owner ? (
        <>
          <Input.Search placeholder={t('assembly.paper.search')} allowClear onSearch={setQ} data-testid="paper-search" />
          <List
            size="small" loading={roll.isFetching} dataSource={roll.data ?? []} style={{ marginTop: 8, maxHeight: 360, overflow: 'auto' }}
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
            <Button type="primary" disabled={!complete} loading={busy} onClick={submit} data-testid="paper-submit">{t('assembly.paper.submit')}</Button>
          </Space>
        </Space>
      )}
    </Modal>
  );
}
