import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { requestsQuery } from '../requests/requests.queries.ts';
import type { AgendaItemView, CouncilDetail } from './types.ts';
import { councilKeys, useCouncilRun } from './councils.queries.ts';

const STATE_COLOR = { collecting: 'gold', open: 'blue', scheduled: 'purple', resolved: 'green', reopened: 'red' } as const;

/** Agenda items with their source and state; residents co-sign proposals here, staff add items. */
export function AgendaCard({ council, manage }: { council: CouncilDetail; manage: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const propose = council.abilities.includes('propose');
  const run = useCouncilRun();
  const cosign = (item: AgendaItemView) => run(() => unwrap(gz.POST('/api/v1/council-agenda/{id}/cosign', { params: { path: { id: item.id } } })));
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
      {adding && <AddItemModal council={council} manage={manage} onClose={() => setAdding(false)} onDone={() => setAdding(false)} />}
    </Card>
  );
}

/** What the agenda dialog collects. */
interface AgendaValues { source: 'party' | 'small_matter' | 'proposal'; requestNumber?: string; title: string; description?: string }

function AddItemModal({ council, manage, onClose, onDone }: { council: CouncilDetail; manage: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AgendaValues>();
  const qc = useQueryClient();
  const source = Form.useWatch('source', form) as string | undefined;
  const submit = async (v: AgendaValues) => {
    let requestId: string | undefined;
    if (v.source === 'small_matter') {
      // Staff know requests by their number (GZ…); the API links them by id.
      const number = String(v.requestNumber).trim();
      const found = await qc.fetchQuery(requestsQuery({ q: number, limit: 1 }));
      requestId = found.items.find((r) => r.number === number.toUpperCase())?.id;
      if (!requestId) throw new ApiError(400, 'VALIDATION_FAILED', t('councils.agenda.requestNotFound'), [{ path: '/requestNumber', message: t('councils.agenda.requestNotFound') }]);
    }
    return unwrap(gz.POST('/api/v1/councils/{id}/agenda', {
      params: { path: { id: council.id } }, body: { source: v.source, title: v.title, description: v.description ?? '', requestId },
    }));
  };
  const sources = manage ? (['party', 'small_matter'] as const) : (['proposal'] as const);
  return (
    <ModalForm<AgendaValues> form={form} title={manage ? t('councils.agenda.add') : t('councils.agenda.propose')} onClose={onClose} okText={t('common.action.confirm')}
      submit={submit} onDone={onDone} invalidates={[councilKeys.all]} initialValues={{ source: sources[0] }}>
        <Form.Item name="source" label={t('councils.agenda.source')}><Select options={sources.map((s) => ({ value: s, label: t(`councils.source.${s}`) }))} /></Form.Item>
        {source === 'small_matter' && <Form.Item name="requestNumber" label={t('councils.agenda.requestNumber')} rules={[{ required: true }]}><Input placeholder="GZ…" /></Form.Item>}
        <Form.Item name="title" label={t('councils.agenda.itemTitle')} rules={[{ required: true }]}><Input maxLength={200} data-testid="agenda-title" /></Form.Item>
        <Form.Item name="description" label={t('councils.agenda.description')}><Input.TextArea maxLength={4000} rows={3} /></Form.Item>
    </ModalForm>
  );
}
