import { useState } from 'react';
import { App, Form, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RESIDENT_TAGS, type ResidentTag } from '@gongzhi/core';
import { api } from '../../api/client.ts';
import { useDomainLabels } from '../../components/labels.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';
import type { VisitRuleView } from './types.ts';

interface Values { size: 'auto' | 'large' | 'small'; largeDays?: number | null; smallDays?: number | null; specialDays?: number | null; specialTags?: ResidentTag[] }

/** Edits one community's coverage rule; empty fields fall back to the defaults (60 / 30 / 1 days). */
export function RuleModal({ rule, onClose }: { rule: VisitRuleView; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const labels = useDomainLabels();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const c = rule.configured;
  const save = async (v: Values) => {
    setBusy(true);
    try {
      await api.post(`/api/v1/visits/rules/${rule.regionId}`, {
        size: v.size, largeDays: v.largeDays ?? null, smallDays: v.smallDays ?? null, specialDays: v.specialDays ?? null,
        specialTags: v.specialTags?.length ? v.specialTags : null,
      });
      void message.success(t('visits.coverage.saved'));
      onClose(true);
    } catch (e) { notify(e, form); } finally { setBusy(false); }
  };
  return (
    <Modal open title={`${t('visits.coverage.rules')} · ${rule.name}`} okText={t('visits.coverage.save')} confirmLoading={busy}
      onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="rule-form"
        initialValues={{ size: c?.size ?? 'auto', largeDays: c?.largeDays, smallDays: c?.smallDays, specialDays: c?.specialDays, specialTags: c?.specialTags ?? [] }}>
        <Form.Item name="size" label={t('visits.coverage.size')}>
          <Select options={[{ value: 'auto', label: t('visits.coverage.auto') }, { value: 'large', label: t('visits.coverage.large') }, { value: 'small', label: t('visits.coverage.small') }]} />
        </Form.Item>
        <Form.Item name="largeDays" label={`${t('visits.coverage.large')} · ${t('visits.coverage.regular')}`}><InputNumber min={1} max={366} precision={0} placeholder="60" /></Form.Item>
        <Form.Item name="smallDays" label={`${t('visits.coverage.small')} · ${t('visits.coverage.regular')}`}><InputNumber min={1} max={366} precision={0} placeholder="30" /></Form.Item>
        <Form.Item name="specialDays" label={t('visits.coverage.specialDays')}><InputNumber min={1} max={366} precision={0} placeholder="1" /></Form.Item>
        <Form.Item name="specialTags" label={t('visits.coverage.specialTags')}>
          <Select mode="multiple" placeholder={`${labels.tag('elderly_alone')}、${labels.tag('disabled')}`} options={RESIDENT_TAGS.map((x) => ({ value: x, label: labels.tag(x) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
