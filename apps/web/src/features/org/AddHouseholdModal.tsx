import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TENURES } from '@gongzhi/core';
import { api } from '../../api/client.ts';
import type { CreateHouseholdBody, HouseholdDetail, Tenure } from '../../api/types.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';

/** Registers a household in a grid or micro-grid, then opens it so members can be added. */
export function AddHouseholdModal(props: { regionId: string; onClose: () => void; onDone: (householdId: string) => void }) {
  const { regionId, onClose, onDone } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<{ address: string; tenure: Tenure }>();
  const [busy, setBusy] = useState(false);
  const notifyError = useNotifyError();

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body: CreateHouseholdBody = { regionId, address: v.address, tenure: v.tenure };
      const h = await api.post<HouseholdDetail>('/api/v1/households', body);
      onDone(h.id);
    } catch (e) {
      notifyError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('org.form.householdTitle')} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ tenure: 'owner' }} data-testid="add-household-form">
        <Form.Item name="address" label={t('org.form.address')} rules={[{ required: true, whitespace: true, message: t('org.form.addressRequired') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="tenure" label={t('org.form.tenure')} rules={[{ required: true }]}>
          <Select options={TENURES.map((v) => ({ value: v, label: t(`common.tenure.${v}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
