import { useState } from 'react';
import { Alert, App, Button, Card, Form, Modal, Space, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RequestEvent } from '@gongzhi/core';
import { ApiError } from '../../api/client.ts';
import type { ActBody, CategoryView, RequestDetail } from '../../api/types.ts';
import { ActionFields } from './ActionFields.tsx';
import type { DepartmentOption } from './catalogue.ts';
import { act } from './act.ts';
import { useRequestLabels } from './requestLabels.ts';

/** Props of {@link ActionPanel}. */
export interface ActionPanelProps {
  request: RequestDetail;
  categories: readonly CategoryView[];
  departments: readonly DepartmentOption[];
  onChanged: (r: RequestDetail) => void;
}

// Rating and reopening are the reporter's; they have their own page (and card) in plain words.
const RESIDENT_EVENTS = new Set(['rate', 'reopen']);
const PRIMARY = new Set(['sort', 'dispatch', 'accept', 'reply', 'verify', 'close']);
const DANGER = new Set(['reject', 'return']);

/** What a step's form starts with: the sort form from the suggestion, dispatch from the category. */
function initialValues(event: RequestEvent, r: RequestDetail): Record<string, unknown> {
  if (event === 'sort') {
    return { matter: r.matter ?? r.suggestion?.matter, categoryCode: r.category?.code ?? r.suggestion?.category };
  }
  if (event === 'dispatch') return { departmentId: r.matter === 'big' ? r.department?.id : undefined };
  return {};
}

/** Drops empty fields: the API treats a blank string differently from an absent one. */
function toBody(event: RequestEvent, values: Record<string, unknown>): ActBody {
  const body: Record<string, unknown> = { event };
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    body[k] = typeof v === 'string' ? v.trim() : v;
  }
  return body as ActBody;
}

/**
 * The steps this user may take now: exactly the events in the request's `allowed`, each a button
 * that opens its form (a reason where one is required, the sort form prefilled from the suggestion,
 * a department for dispatch). A refusal from the API stays visible in the form until fixed.
 */
export function ActionPanel({ request, categories, departments, onChanged }: ActionPanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useRequestLabels();
  const [open, setOpen] = useState<RequestEvent | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const events = request.allowed.filter((e) => !RESIDENT_EVENTS.has(e)) as RequestEvent[];

  const start = (e: RequestEvent) => {
    setFailure(null);
    form.resetFields();
    form.setFieldsValue(initialValues(e, request));
    setOpen(e);
  };

  const submit = async () => {
    if (!open) return;
    const values = await form.validateFields();
    setBusy(true);
    setFailure(null);
    try {
      const next = await act(request.id, toBody(open, values as Record<string, unknown>));
      void message.success(t('requests.actions.done', { action: labels.event(open) }));
      setOpen(null);
      onChanged(next);
    } catch (e) {
      if (!(e instanceof ApiError)) setFailure(String(e));
      else if (!e.isAuthLoss) {
        setFailure(e.message);
        const issues = e.fieldIssues;
        if (issues.length) form.setFields(issues.map((i) => ({ name: i.path.replace(/^\//, ''), errors: [i.message] })));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('requests.actions.title')} data-testid="action-panel">
      {events.length === 0 ? (
        <Typography.Text type="secondary">{t('requests.actions.none')}</Typography.Text>
      ) : (
        <Space wrap>
          {events.map((e) => (
            <Button key={e} type={PRIMARY.has(e) ? 'primary' : 'default'} danger={DANGER.has(e)} onClick={() => start(e)} data-testid={`action-${e}`}>
              {labels.event(e)}
            </Button>
          ))}
        </Space>
      )}
      <Modal
        open={open !== null}
        title={open ? `${labels.event(open)} · ${request.number}` : ''}
        onCancel={() => setOpen(null)}
        onOk={() => void submit()}
        okText={open ? labels.event(open) : undefined}
        confirmLoading={busy}
        okButtonProps={{ danger: open !== null && DANGER.has(open), 'data-testid': 'action-submit' } as ButtonProps}
        forceRender
        width={600}
      >
        <Form form={form} layout="vertical" data-testid={open ? `action-form-${open}` : undefined}>
          {open && <ActionFields event={open} request={request} categories={categories} departments={departments} />}
        </Form>
        {failure && <Alert type="error" showIcon title={failure} data-testid="action-error" />}
      </Modal>
    </Card>
  );
}
