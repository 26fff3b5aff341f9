import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Radio, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable.tsx';
import { formatMinute, todayInChina } from '../../components/time.ts';
import { ResidentPicker } from '../requests/ResidentPicker.tsx';
import { organisationsQuery } from '../org/org.queries.ts';
import type { CouncilDetail, SeatView } from './types.ts';
import { councilKeys } from './councils.queries.ts';

const SEAT_KINDS = ['resident_rep', 'party_member', 'owners_committee', 'property_company', 'resident_unit'] as const;
type Dialog = { kind: 'add' } | { kind: 'vacate'; seat: SeatView } | { kind: 'by-election'; seat: SeatView };

/** Members and seats with their history: vacated seats stay listed beside their by-elected successors. */
export function SeatsCard({ council, manage }: { council: CouncilDetail; manage: boolean }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const status = (s: SeatView) => {
    if (s.sitting) return <Tag color="green">{t('councils.seats.sitting')}</Tag>;
    if (s.vacatedAt) return <Tag color="orange">{t('councils.seats.vacated')} · {s.vacatedReason}{s.successorId ? ` · ${t('councils.seats.successor')}` : ''}</Tag>;
    return <Tag>{t('councils.seats.ended')}</Tag>;
  };
  const columns: Column<SeatView>[] = [
    { key: 'holder', title: t('councils.col.holder'), render: (s) => <span data-testid="seat-holder">{s.holderName}</span> },
    { key: 'kind', title: t('councils.col.seatKind'), render: (s) => <>{t(`councils.seatKind.${s.kind}`)}{s.byElection && <Tag style={{ marginLeft: 6 }}>{t('councils.seats.byElected')}</Tag>}</> },
    { key: 'term', title: t('councils.col.term'), render: (s) => `${s.termStart} ~ ${s.termEnd}` },
    { key: 'status', title: t('councils.col.status'), render: status },
    ...(manage ? [{
      key: 'actions', title: t('common.field.actions'), render: (s: SeatView) => (
        <Space>
          {s.sitting && <Button size="small" onClick={() => setDialog({ kind: 'vacate', seat: s })} data-testid="seat-vacate">{t('councils.seats.vacate')}</Button>}
          {s.vacatedAt && !s.successorId && <Button size="small" type="primary" onClick={() => setDialog({ kind: 'by-election', seat: s })} data-testid="seat-by-election">{t('councils.seats.byElection')}</Button>}
        </Space>
      ),
    }] : []),
  ];
  return (
    <Card title={`${t('councils.seats.title')}（${t('councils.seats.history')}）`} style={{ marginTop: 16 }} data-testid="seats-card"
      extra={manage && <Button onClick={() => setDialog({ kind: 'add' })} data-testid="seat-add">{t('councils.seats.add')}</Button>}>
      <ResponsiveTable rows={council.seats} columns={columns} rowKey={(s) => s.id} testId="seats" />
      {dialog && <SeatDialog council={council} dialog={dialog} onClose={() => setDialog(null)} onDone={() => setDialog(null)} />}
    </Card>
  );
}

type Day = { format(f: string): string };
/** What the seat dialogs collect (each uses its own fields). */
interface SeatValues {
  reason?: string; residentId?: string; electedOn?: Day; kind?: (typeof SEAT_KINDS)[number]; organisationId?: string; holderName?: string; termStart?: Day; termEnd?: Day;
}

function SeatDialog({ council, dialog, onClose, onDone }: { council: CouncilDetail; dialog: Dialog; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [holder, setHolder] = useState<'resident' | 'organisation'>('resident');
  const submit = (v: SeatValues) => {
    // Days are calendar days in China, as the date pickers show them.
    const day = (d: { format(f: string): string } | undefined) => d?.format('YYYY-MM-DD') ?? '';
    if (dialog.kind === 'vacate') {
      return unwrap(gz.POST('/api/v1/council-seats/{id}/vacate', { params: { path: { id: dialog.seat.id } }, body: { reason: v.reason ?? '' } }));
    }
    if (dialog.kind === 'by-election') {
      return unwrap(gz.POST('/api/v1/council-seats/{id}/by-election', { params: { path: { id: dialog.seat.id } }, body: { residentId: v.residentId ?? '', electedOn: day(v.electedOn) } }));
    }
    return unwrap(gz.POST('/api/v1/councils/{id}/seats', {
      params: { path: { id: council.id } },
      body: { kind: v.kind ?? 'resident_rep', residentId: v.residentId, organisationId: v.organisationId, holderName: v.holderName, termStart: day(v.termStart), termEnd: day(v.termEnd) },
    }));
  };
  const title = dialog.kind === 'add' ? t('councils.seats.add') : dialog.kind === 'vacate' ? t('councils.seats.vacate') : t('councils.seats.byElection');
  return (
    <ModalForm<SeatValues> title={title} onClose={onClose} okText={t('common.action.confirm')} submit={submit} onDone={onDone}
      invalidates={[councilKeys.all]} initialValues={{ kind: 'resident_rep', electedOn: todayInChina() }}>
        {dialog.kind === 'vacate' && <Form.Item name="reason" label={t('councils.form.reason')} rules={[{ required: true }]}><Input maxLength={300} /></Form.Item>}
        {dialog.kind === 'by-election' && <>
          <Form.Item label={t('councils.col.holder')}>{dialog.seat.holderName} · {formatMinute(dialog.seat.vacatedAt)}</Form.Item>
          <Form.Item name="residentId" label={t('councils.form.resident')} rules={[{ required: true }]}><ResidentPicker /></Form.Item>
          <Form.Item name="electedOn" label={t('councils.form.electedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </>}
        {dialog.kind === 'add' && <>
          <Form.Item name="kind" label={t('councils.col.seatKind')}><Select options={SEAT_KINDS.map((k) => ({ value: k, label: t(`councils.seatKind.${k}`) }))} /></Form.Item>
          <Radio.Group value={holder} onChange={(e) => setHolder(e.target.value)} style={{ marginBottom: 12 }}>
            <Radio.Button value="resident">{t('councils.form.resident')}</Radio.Button>
            <Radio.Button value="organisation">{t('councils.form.organisation')}</Radio.Button>
          </Radio.Group>
          {holder === 'resident'
            ? <Form.Item name="residentId" label={t('councils.form.resident')} rules={[{ required: true }]}><ResidentPicker /></Form.Item>
            : <>
              <Form.Item name="organisationId" label={t('councils.form.organisation')} rules={[{ required: true }]}><OrganisationSelect /></Form.Item>
              <Form.Item name="holderName" label={t('councils.form.holderName')}><Input maxLength={60} /></Form.Item>
            </>}
          <Space>
            <Form.Item name="termStart" label={t('councils.form.termStart')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="termEnd" label={t('councils.form.termEnd')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          </Space>
        </>}
    </ModalForm>
  );
}

/** Organisations in the user's area that can hold a seat: property companies, resident units, enterprises. */
function OrganisationSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { data } = useQuery(organisationsQuery());
  const options = (data ?? []).filter((o) => ['property_company', 'resident_unit', 'enterprise', 'social_org'].includes(o.kind)).map((o) => ({ value: o.id, label: o.name }));
  return <Select showSearch optionFilterProp="label" value={value} onChange={onChange} options={options} />;
}
