import { useState } from 'react';
import { Alert, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MATTERS, type Matter, type RequestEvent } from '@gongzhi/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CategoryView, RequestDetail, RequestSummary } from '../../api/types.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import type { DepartmentOption } from './catalogue.ts';
import { percent, useRequestLabels } from './requestLabels.ts';
import { requestsQuery } from './requests.queries.ts';

/** Props of {@link ActionFields}. */
export interface ActionFieldsProps {
  event: RequestEvent;
  request: RequestDetail;
  categories: readonly CategoryView[];
  departments: readonly DepartmentOption[];
}

const TEXT = { autoSize: { minRows: 3, maxRows: 10 } } as const;

/** The form fields one step needs, inside the action modal's Form. */
export function ActionFields({ event, request, categories, departments }: ActionFieldsProps) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const deptOptions = departments.map((d) => ({ value: d.id, label: d.name }));
  const matter = Form.useWatch<Matter | undefined>('matter');
  const form = Form.useFormInstance();
  // Changing the class drops a category of another class, which the API would refuse (and must never be saved as a pair).
  const onMatter = (next: Matter) => {
    const code = form.getFieldValue('categoryCode') as string | undefined;
    if (code && categories.find((c) => c.code === code)?.matter !== next) form.setFieldValue('categoryCode', undefined);
  };
  const hint = (key: 'returnHint' | 'rejectHint' | 'transferHint' | 'escalateHint' | 'verifyHint' | 'closeHint' | 'acceptHint') => (
    <Typography.Paragraph type="secondary">{t(`requests.actions.${key}`)}</Typography.Paragraph>
  );
  const note = <Form.Item name="note" label={t('requests.actions.note')}><Input.TextArea {...TEXT} maxLength={2000} data-testid="action-note" /></Form.Item>;
  const reason = (
    <Form.Item name="reason" label={t('requests.actions.reason')} rules={[{ required: true, whitespace: true, message: t('requests.actions.reasonRequired') }]}>
      <Input.TextArea {...TEXT} maxLength={2000} data-testid="action-reason" />
    </Form.Item>
  );

  switch (event) {
    case 'sort': {
      const s = request.suggestion;
      const options = categories.filter((c) => !matter || c.matter === matter).map((c) => ({ value: c.code, label: c.name }));
      return (
        <>
          {s && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="sort-suggestion"
              title={`${t('requests.suggestion.title')}：${labels.matter(s.matter)}${s.category ? ' · ' + (categories.find((c) => c.code === s.category)?.name ?? s.category) : ''} · ${t('requests.suggestion.confidence')} ${percent(s.confidence)}`}
              description={t('requests.suggestion.hint')}
            />
          )}
          <Form.Item name="matter" label={t('requests.detail.matter')} rules={[{ required: true, message: t('requests.actions.matterRequired') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="sort-matter" onChange={(e) => onMatter(e.target.value as Matter)}>
              {MATTERS.map((m) => <Radio.Button key={m} value={m}>{labels.matter(m)}</Radio.Button>)}
            </Radio.Group>
          </Form.Item>
          {matter && <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>{t(`requests.matterHint.${matter}`)}</Typography.Paragraph>}
          <Form.Item name="categoryCode" label={t('requests.actions.category')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} placeholder={t('requests.actions.categoryPlaceholder')} aria-label={t('requests.actions.categoryPlaceholder')} data-testid="sort-category" />
          </Form.Item>
          {note}
        </>
      );
    }
    case 'dispatch':
    case 'transfer':
      return (
        <>
          {event === 'transfer' && hint('transferHint')}
          <Form.Item
            name="departmentId"
            label={t('requests.actions.department')}
            extra={event === 'dispatch' && request.department ? t('requests.actions.departmentDefault', { name: request.department.name }) : undefined}
            rules={event === 'transfer' ? [{ required: true, message: t('requests.actions.departmentRequired') }] : []}
          >
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={deptOptions} placeholder={t('requests.actions.departmentPlaceholder')} aria-label={t('requests.actions.departmentPlaceholder')} data-testid="action-department" />
          </Form.Item>
          {event === 'dispatch' && (
            <Form.Item name="regionId" label={t('requests.actions.region')}>
              <RegionTreeSelect selectable={(r) => r.level === 'community' || r.level === 'grid' || r.level === 'microgrid'} style={{ width: '100%' }} testId="action-region" />
            </Form.Item>
          )}
          {event === 'dispatch' ? (
            <Form.Item name="task" label={t('requests.actions.task')}><Input.TextArea {...TEXT} maxLength={500} data-testid="action-task" /></Form.Item>
          ) : reason}
        </>
      );
    case 'reply':
      return (
        <Form.Item name="reply" label={t('requests.actions.reply')} extra={t('requests.actions.replyHint')} rules={[{ required: true, whitespace: true, message: t('requests.actions.replyRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={4000} showCount data-testid="action-reply" />
        </Form.Item>
      );
    case 'return':
      return <>{hint('returnHint')}{reason}</>;
    case 'reject':
      return <>{hint('rejectHint')}{reason}</>;
    case 'refer':
      return (
        <Form.Item name="note" label={t('requests.actions.referTo')} extra={t('requests.actions.referHint')} rules={[{ required: true, whitespace: true, message: t('requests.actions.referRequired') }]}>
          <Input.TextArea {...TEXT} maxLength={2000} data-testid="action-refer" />
        </Form.Item>
      );
    case 'merge':
      return <MergeFields request={request} />;
    case 'escalate':
      return <>{hint('escalateHint')}{note}</>;
    case 'verify':
      return <>{hint('verifyHint')}{note}</>;
    case 'close':
      return <>{hint('closeHint')}{note}</>;
    case 'accept':
      return <>{hint('acceptHint')}{note}</>;
    default:
      return note;
  }
}

/** Merge: find the surviving request by its number, then keep its id in the form. */
function MergeFields({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const [target, setTarget] = useState<RequestSummary | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const qc = useQueryClient();
  // A lookup the user starts with a button: `useMutation` gives it its spinner and its outcome.
  const lookup = useMutation({
    mutationFn: (number: string) => qc.fetchQuery(requestsQuery({ q: number, limit: 1 })),
    onSuccess: (page, number) => {
      const hit = page.items.find((r) => r.number === number && r.id !== request.id) ?? null;
      setTarget(hit);
      setMissing(hit ? null : number);
      form.setFieldValue('intoId', hit?.id);
    },
    onError: (_, number) => {
      setTarget(null);
      setMissing(number);
      form.setFieldValue('intoId', undefined);
    },
  });
  const busy = lookup.isPending;
  const find = (raw: string) => {
    const number = raw.trim().toUpperCase();
    if (number) lookup.mutate(number);
  };

  return (
    <>
      <Form.Item label={t('requests.actions.mergeNumber')}>
        <Input.Search enterButton={t('requests.actions.mergeFind')} loading={busy} onSearch={find} placeholder="GZ00000001" data-testid="merge-number" />
      </Form.Item>
      <Form.Item name="intoId" hidden rules={[{ required: true, message: t('requests.actions.mergeRequired') }]}><Input /></Form.Item>
      <Form.Item shouldUpdate noStyle>
        {() => {
          const err = form.getFieldError('intoId')[0];
          return err && !target ? <Typography.Text type="danger">{err}</Typography.Text> : null;
        }}
      </Form.Item>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {target && <Alert type="success" showIcon data-testid="merge-target" title={t('requests.actions.mergeTarget', { number: target.number, description: target.description.slice(0, 60) })} />}
        {missing && <Alert type="warning" showIcon title={t('requests.actions.mergeNotFound', { number: missing })} />}
      </Space>
    </>
  );
}
