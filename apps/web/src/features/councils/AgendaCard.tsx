import { useDeferredValue, useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { formatTime } from '../../components/time.ts';
import type { AgendaItemView, CouncilDetail } from './types.ts';
import { councilKeys, smallMattersQuery, useCouncilRun } from './councils.queries.ts';

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
interface AgendaValues { source: 'party' | 'small_matter' | 'proposal'; requestId?: string; title: string; description?: string }

/**
 * The small matters on no agenda yet, offered by number, description and date; typing searches the
 * server (a number GZ… finds that one). Choosing one fills an empty title from its description.
 */
function SmallMatterSelect({ councilId, value, onChange, onPicked }: {
  councilId: string; value?: string; onChange?: (v: string) => void; onPicked: (title: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const { data, isFetching } = useQuery({ ...smallMattersQuery(councilId, q), placeholderData: keepPreviousData });
  return (
    <Select
      showSearch value={value} filterOption={false} onSearch={setSearch} loading={isFetching} allowClear
      placeholder={t('councils.agenda.smallMatterPlaceholder')} notFoundContent={isFetching ? null : t('councils.agenda.noSmallMatters')}
      onChange={(v: string) => { onChange?.(v); const m = data?.find((x) => x.id === v); if (m) onPicked(m.title); }}
      optionLabelProp="label" data-testid="agenda-small-matter"
      options={(data ?? []).map((m) => ({
        value: m.id, label: `${m.number} ${m.title}`,
        // A wrapped option: the whole description, number and date stay readable on a phone.
        title: m.title,
      }))}
      optionRender={(o) => {
        const m = data?.find((x) => x.id === o.value);
        return m ? (
          <div style={{ whiteSpace: 'normal' }} data-testid="agenda-small-matter-option" data-number={m.number}>
            <Typography.Text className="gz-mono" strong>{m.number}</Typography.Text>{' '}
            <Typography.Text type="secondary">{formatTime(m.createdAt).slice(0, 10)}</Typography.Text>
            <div>{m.title}</div>
          </div>
        ) : o.label;
      }}
    />
  );
}

function AddItemModal({ council, manage, onClose, onDone }: { council: CouncilDetail; manage: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AgendaValues>();
  const source = Form.useWatch('source', form) as string | undefined;
  const submit = (v: AgendaValues) => unwrap(gz.POST('/api/v1/councils/{id}/agenda', {
    params: { path: { id: council.id } },
    body: { source: v.source, title: v.title, description: v.description ?? '', requestId: v.source === 'small_matter' ? v.requestId : undefined },
  }));
  const sources = manage ? (['party', 'small_matter'] as const) : (['proposal'] as const);
  return (
    <ModalForm<AgendaValues> form={form} title={manage ? t('councils.agenda.add') : t('councils.agenda.propose')} onClose={onClose} okText={t('common.action.confirm')}
      submit={submit} onDone={onDone} invalidates={[councilKeys.all]} initialValues={{ source: sources[0] }} okButtonProps={{ 'data-testid': 'agenda-submit' } as never}>
        <Form.Item name="source" label={t('councils.agenda.source')}><Select data-testid="agenda-source" options={sources.map((s) => ({ value: s, label: t(`councils.source.${s}`) }))} /></Form.Item>
        {source === 'small_matter' && (
          <Form.Item name="requestId" label={t('councils.agenda.smallMatter')} rules={[{ required: true, message: t('councils.agenda.smallMatterRequired') }]}>
            <SmallMatterSelect councilId={council.id} onPicked={(title) => { if (!form.getFieldValue('title')) form.setFieldValue('title', title.replace(/…$/, '')); }} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('councils.agenda.itemTitle')} rules={[{ required: true }]}><Input maxLength={200} data-testid="agenda-title" /></Form.Item>
        <Form.Item name="description" label={t('councils.agenda.description')}><Input.TextArea maxLength={4000} rows={3} /></Form.Item>
    </ModalForm>
  );
}
