import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/**
 * Shows an API failure: field problems of VALIDATION_FAILED go under their form fields (when a form is
 * given), everything else in a message. Session loss is handled by the session provider, which has
 * already moved to the sign-in page, so it is not shown twice.
 */
export function useNotifyError() {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (!(err instanceof ApiError)) {
        void message.error(String(err));
        return;
      }
      if (err.isAuthLoss) return;
      const issues = err.fieldIssues;
      if (form && issues.length) form.setFields(fieldErrors(err));
      // Always say something at the top too: an issue may concern a field this form does not show.
      void message.error(err.message);
    },
    [message],
  );
}

/** A VALIDATION_FAILED answer's issues as antd field errors (names follow the API body, which the forms mirror). */
export function fieldErrors(err: ApiError): { name: (string | number)[]; errors: string[] }[] {
  return err.fieldIssues.map((i) => ({
    // Array indices become numbers, as Form.List names them.
    name: i.path.replace(/^\//, '').split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    errors: [i.message],
  }));
}

/**
 * The text of a failed write shown in place (in a dialog or under a button), or null: nothing failed,
 * or the session is gone (the sign-in page says so instead).
 */
export function failureText(err: unknown): string | null {
  if (!err) return null;
  if (err instanceof ApiError) return err.isAuthLoss ? null : err.message;
  return err instanceof Error ? err.message : String(err);
}
