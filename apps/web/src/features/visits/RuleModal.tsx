import { App, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RESIDENT_TAGS, type ResidentTag } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import type { VisitRuleView } from './types.ts';
import { visitKeys } from './visits.queries.ts';

interface Values { size: 'auto' | 'large' | 'small'; largeDays?: number | null; smallDays?: number | null; specialDays?: number | null; specialTags?: ResidentTag[] }

/** Edits one community's coverage rule; empty fields fall back to the defaults (60 / 30 / 1 days). */
export function RuleModal({ rule, onClose }: { rule: VisitRuleView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useDomainLabels();
  const c = rule.configured;
  const save = (v: Values) => unwrap(gz.POST('/api/v1/visits/rules/{id}', {
    params: { path: { id: rule.regionId } },
    body: {
      size: v.size, largeDays: v.largeDays ?? null, smallDays: v.smallDays ?? null, specialDays: v.specialDays ?? null,
      specialTags: v.specialTags?.length ? v.specialTags : null,
    },
  }));
  const done = () => {
    void message.success(t('visits.coverage.saved'));
    onClose();
  };
  return (
    <ModalForm<Values> title={`${t('visits.coverage.rules')} · ${rule.name}`} okText={t('visits.coverage.save')} submit={save} onDone={done}
      onClose={onClose} invalidates={[visitKeys.all]} testId="rule-form"
      initialValues={{ size: c?.size ?? 'auto', largeDays: c?.largeDays, smallDays: c?.smallDays, specialDays: c?.specialDays, specialTags: c?.specialTags ?? [] }}>
        <Form.Item name="size" label={t('visits.coverage.size')}>
          <Select options={[{ value: 'auto', label: t('visits.coverage.auto') }, { value: 'large', label: t('visits.coverage.large') }, { value: 'small', label: t('visits.coverage.small') }]} />
        </Form.Item>
        <Form.Item name="largeDays" label={`${t('visits.coverage.large')} · ${t('visits.coverage.regular')}`}><InputNumber min={1} max={366} precision={0} placeholder="60" /></Form.Item>
        <Form.Item name="smallDays" label={`${t('visits.coverage.small')} · ${t('visits.coverage.regular')}`}><InputNumber min={1} max={366} precision={0} placeholder="30" /></Form.Item>
        <Form.Item name="specialDays" label={t('visits.coverage.specialDays')}><InputNumber min={1} max={366} precision={0} placeholder="1" /></Form.Item>
        <Form.Item name="specialTags" label={t('visits.coverage.specialTags')}>
          <Select mode="multiple" placeholder={`${labels.tag('elderly_alone')}、${labels.tag('disabled')}`} aria-label={`${labels.tag('elderly_alone')}、${labels.tag('disabled')}`} options={RESIDENT_TAGS.map((x) => ({ value: x, label: labels.tag(x) }))} />
        </Form.Item>
    </ModalForm>
  );
}
