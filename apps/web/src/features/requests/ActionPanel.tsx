import { useState } from 'react';
import { App, Button, Card, Space, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RequestEvent } from '@gongzhi/core';
import { ModalForm } from '../../components/ModalForm.tsx';
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
  const events = request.allowed.filter((e) => !RESIDENT_EVENTS.has(e)) as RequestEvent[];
  const done = (next: RequestDetail, event: RequestEvent) => {
    void message.success(t('requests.actions.done', { action: labels.event(event) }));
    setOpen(null);
    onChanged(next);
  };

  return (
    <Card title={t('requests.actions.title')} data-testid="action-panel">
      {events.length === 0 ? (
        <Typography.Text type="secondary">{t('requests.actions.none')}</Typography.Text>
      ) : (
        <Space wrap>
          {events.map((e) => (
            <Button key={e} type={PRIMARY.has(e) ? 'primary' : 'default'} danger={DANGER.has(e)} onClick={() => setOpen(e)} data-testid={`action-${e}`}>
              {labels.event(e)}
            </Button>
          ))}
        </Space>
      )}
      {/* A refusal stays in the dialog (not a passing toast) until the step is retried or the dialog reopened. */}
      {open && (
        <ModalForm<Record<string, unknown>, RequestDetail>
          title={`${labels.event(open)} · ${request.number}`}
          okText={labels.event(open)}
          okButtonProps={{ danger: DANGER.has(open), 'data-testid': 'action-submit' } as ButtonProps}
          width={600}
          initialValues={initialValues(open, request)}
          submit={(values) => act(request.id, toBody(open, values))}
          onDone={(next) => done(next, open)}
          onClose={() => setOpen(null)}
          testId={`action-form-${open}`}
          errorTestId="action-error"
        >
          <ActionFields event={open} request={request} categories={categories} departments={departments} />
        </ModalForm>
      )}
    </Card>
  );
}
