import { useState } from 'react';
import { App, Button, Input, List, Modal, Radio, Segmented, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { gz, unwrap, upload } from '../../api/client.ts';
import { useSession } from '../../shell/session.tsx';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { AssemblyDetail, Choice, RollEntry } from './types.ts';
import { assemblyKeys, ROLL_PAGE, rollQuery } from './assembly.queries.ts';

/**
 * Staff enter a paper ballot: find the owner on the frozen roll (paged; by unit number or name), set
 * each matter's choice as marked on paper, attach the scan, send. The roll shows who has voted, never
 * how. An entered ballot is pending until a second staff member (监票人) checks it against its scan
 * and accepts it ("awaiting check" filter); until then it counts in no tally or quorum.
 */
export function PaperBallotModal({ assembly, open, onClose }: { assembly: AssemblyDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const [pending, setPending] = useState(false);
  const [offset, setOffset] = useState(0);
  const { session } = useSession();
  const [owner, setOwner] = useState<RollEntry | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [scan, setScan] = useState<File | null>(null);
  const roll = useQuery({ ...rollQuery(assembly.id, { q, pending, offset }), enabled: open });
  // The scrutineer (监票人) accepts a paper ballot after checking it against its scan, or rejects it.
  const verify = useApiMutation({
    mutationFn: (v: { ownerKey: string; accept: boolean }) => unwrap(gz.POST('/api/v1/assemblies/{id}/paper-ballots/verify', { params: { path: { id: assembly.id } }, body: v })),
    invalidates: [assemblyKeys.all],
    onSuccess: (_, v) => void message.success(t(v.accept ? 'assembly.paper.verified' : 'assembly.paper.rejected')),
  });
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
          <Space wrap style={{ width: '100%' }}>
            <Input.Search placeholder={t('assembly.paper.search')} allowClear onSearch={(v) => { setQ(v); setOffset(0); }} data-testid="paper-search" />
            <Segmented value={pending ? 'pending' : 'all'} onChange={(v) => { setPending(v === 'pending'); setOffset(0); }} data-testid="paper-filter"
              options={[{ value: 'all', label: t('assembly.paper.all') }, { value: 'pending', label: t('assembly.paper.pendingOnly') }]} />
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('assembly.paper.verifyHint')}</Typography.Paragraph>
          <List
            size="small" loading={roll.isFetching} dataSource={roll.data?.items ?? []} style={{ marginTop: 8, maxHeight: 360, overflow: 'auto' }}
            pagination={{ current: offset / ROLL_PAGE + 1, pageSize: ROLL_PAGE, total: roll.data?.total ?? 0, showSizeChanger: false, size: 'small', onChange: (p) => setOffset((p - 1) * ROLL_PAGE) }}
            renderItem={(r) => (
              <List.Item actions={r.paper && !r.paper.verified ? [
                <a key="s" href={`/api/v1/assemblies/${assembly.id}/ballots/${r.paper.ballotId}/scan`} target="_blank" rel="noreferrer">{t('assembly.paper.viewScan')}</a>,
                r.paper.enteredByUserId === session?.user.id
                  ? <Tag key="o">{t('assembly.paper.needsOther')}</Tag>
                  : <Space key="v"><Button size="small" type="primary" loading={verify.isPending} onClick={() => verify.mutate({ ownerKey: r.ownerKey, accept: true })} data-testid="paper-verify">{t('assembly.paper.verify')}</Button>
                    <Button size="small" danger loading={verify.isPending} onClick={() => modal.confirm({ content: t('assembly.paper.rejectAsk'), onOk: () => verify.mutateAsync({ ownerKey: r.ownerKey, accept: false }) })} data-testid="paper-reject">{t('assembly.paper.reject')}</Button></Space>,
              ] : [r.voted
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
