import type { ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance, type FormProps, type ModalProps } from 'antd';
import type { QueryKey } from '@tanstack/react-query';
import { useApiMutation } from '../api/useApiMutation.ts';
import { failureText } from './useNotifyError.ts';

/** Props of {@link ModalForm}. */
export interface ModalFormProps<V, R> {
  title: ReactNode;
  /** Sends the validated values (one typed client call). */
  submit: (values: V) => Promise<R>;
  /** Called with the answer once it is saved and `invalidates` have been marked stale. */
  onDone: (result: R, values: V) => void;
  onClose: () => void;
  /** Query keys whose data the change makes stale (refetched by whoever shows them). */
  invalidates?: QueryKey[];
  /** A form made by the caller with `Form.useForm`, when the fields need to be watched or set. */
  form?: FormInstance<V>;
  initialValues?: FormProps<V>['initialValues'];
  testId?: string;
  okText?: ReactNode;
  width?: number;
  okButtonProps?: ModalProps['okButtonProps'];
  /** Shown above the form (a hint on what the action does). */
  intro?: ReactNode;
  /**
   * Show a refusal inside the dialog (an Alert with this test id) rather than as a toast, where the
   * reader compares it with the fields; it stays until the next try.
   */
  errorTestId?: string;
  children: ReactNode;
}

/**
 * The one modal form: an antd Modal around a vertical Form whose OK button validates the fields and
 * sends them through a mutation (OK spins while it runs). API failures go through `useNotifyError`:
 * field problems under their fields, the message on top. Only the OK button submits — Enter in a field
 * does not, so a mass action (vacating a seat, closing a motion, a budget for a whole fund) is never
 * sent by a stray key press.
 */
export function ModalForm<V, R = unknown>(props: ModalFormProps<V, R>) {
  const { title, submit, onDone, onClose, invalidates = [], initialValues, testId, okText, width, okButtonProps, intro, errorTestId, children } = props;
  const [form] = Form.useForm<V>(props.form);
  const mutation = useApiMutation<V, R>({ mutationFn: submit, invalidates, onSuccess: onDone, form, inPlace: errorTestId !== undefined });
  const failure = errorTestId ? failureText(mutation.error) : null;
  const ok = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values !== null) mutation.mutate(values);
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void ok()} confirmLoading={mutation.isPending}
      okText={okText} width={width} okButtonProps={okButtonProps} destroyOnHidden>
      {intro}
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid={testId}>
        {children}
      </Form>
      {failure && <Alert type="error" showIcon title={failure} data-testid={errorTestId} />}
    </Modal>
  );
}
