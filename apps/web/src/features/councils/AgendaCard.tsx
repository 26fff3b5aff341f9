import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import type { AgendaItemView, CouncilDetail, Page } from './types.ts';

const STATE_COLOR = { collecting: 'gold', open: 'blue', scheduled: 'purple', resolved: 'green', reopened: 'red' } as const;

/** Agenda items with their source and state; residents co-sign proposals here, staff add items. */
export function AgendaCard({ council, manage, onChange }: { council: CouncilDetail; manage: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useNotifyError();
  const [adding, setAdding] = useState(false);
  const propose = council.abilities.includes('propose');
  const cosign = async (item: AgendaItemView) => {
    try {
      await api.post(`/api/v1/council-agenda/${item.id}/cosign`);
      onChange();
    } catch (e) {
      notify(e);
    }
  };
  return (
    <Card title={t('councils.agenda.title')} style={{ marginTop: 16 }} data-testid="agenda-card"
      extra={(manage || propose) && <Button onClick={() => setAdding(true)} data-testid="agenda-add">{manage ? t('councils.agenda.add') : t('councils.agenda.propose')}</Button>}>
      {council.agenda.length === 0 && <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>}
      {council.agenda.map((a) => (
        <div key={a.id} style={{ padding: '8px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }} data-testid="agenda-item">
          <Space wrap>
            <Typography.Text strong>{a.title}</Typography.Text>
            <Tag>{t(`councils.source.${a.source}`)}</Tag>
            <Tag color={STATE_COLOR[a.state]} data-testid="agenda-state">{t(`councils.agendaState.${a.state}`)}</Tag>
            {a.request && <Typography.Text type="secondary" className="gz-mono">{a.request.number}</Typography.Text>}
            {a.source === 'proposal' && <Typography.Text type="secondary">{t('councils.agenda.progress', { count: a.cosignCount, threshold: a.cosignThreshold })}</Typography.Text>}
            {propose && a.state === 'collecting' && (a.cosigned
              ? <Tag color="green">{t('councils.agenda.cosigned')}</Tag>
              : <Button size="small" type="primary" onClick={() => void cosign(a)} data-testid="agenda-cosign">{t('councils.agenda.cosign')}</Button>)}
          </Space>
          {a.description && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{a.description}</Typography.Paragraph>}
        </div>
      ))}
      {adding && <AddItemModal council={council} manage={manage} onClose={() => setAdding(false)} onDone={() => { setAdding(false); onChange(); }} />}
    </Card>
  );
}

function AddItemModal({ council, manage, onClose, onDone }: { council: CouncilDetail; manage: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const notify = useNotifyError();
  const source = Form.useWatch('source', form) as string | undefined;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      let requestId: string | undefined;
      if (v.source === 'small_matter') {
        // Staff know requests by their number (GZ…); the API links them by id.
        const found = await api.get<Page<{ id: string; number: string }>>('/api/v1/requests', { q: String(v.requestNumber).trim(), limit: 1 });
        requestId = found.items.find((r) => r.number === String(v.requestNumber).trim().toUpperCase())?.id;
        if (!requestId) {
          form.setFields([{ name: 'requestNumber', errors: [t('councils.agenda.requestNotFound')] }]);
          return;
        }
      }
      await api.post(`/api/v1/councils/${council.id}/agenda`, { source: v.source, title: v.title, description: v.description ?? '', requestId });
      onDone();
    } catch (e) {
      notify(e, form);
    }
  };
  const sources = manage ? (['party', 'small_matter'] as const) : (['proposal'] as const);
  return (
    <Modal open title={manage ? t('councils.agenda.add') : t('councils.agenda.propose')} onCancel={onClose} onOk={() => void submit()} okText={t('common.action.confirm')}>
      <Form form={form} layout="vertical" initialValues={{ source: sources[0] }}>
        <Form.Item name="source" label={t('councils.agenda.source')}><Select options={sources.map((s) => ({ value: s, label: t(`councils.source.${s}`) }))} /></Form.Item>
        {source === 'small_matter' && <Form.Item name="requestNumber" label={t('councils.agenda.requestNumber')} rules={[{ required: true }]}><Input placeholder="GZ…" /></Form.Item>}
        <Form.Item name="title" label={t('councils.agenda.itemTitle')} rules={[{ required: true }]}><Input maxLength={200} data-testid="agenda-title" /></Form.Item>
        <Form.Item name="description" label={t('councils.agenda.description')}><Input.TextArea maxLength={4000} rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
