import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { TENURES } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import type { Tenure } from '../../api/types.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { orgKeys } from './org.queries.ts';

/** Registers a household in a grid or micro-grid, then opens it so members can be added. */
export function AddHouseholdModal(props: { regionId: string; onClose: () => void; onDone: (householdId: string) => void }) {
  const { regionId, onClose, onDone } = props;
  const { t } = useTranslation();
  return (
    <ModalForm<{ address: string; tenure: Tenure }, { id: string }> title={t('org.form.householdTitle')} onClose={onClose}
      submit={(v) => unwrap(gz.POST('/api/v1/households', { body: { regionId, address: v.address, tenure: v.tenure } }))}
      invalidates={[orgKeys.all]} onDone={(h) => onDone(h.id)} initialValues={{ tenure: 'owner' }} testId="add-household-form">
        <Form.Item name="address" label={t('org.form.address')} rules={[{ required: true, whitespace: true, message: t('org.form.addressRequired') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="tenure" label={t('org.form.tenure')} rules={[{ required: true }]}>
          <Select options={TENURES.map((v) => ({ value: v, label: t(`common.tenure.${v}`) }))} />
        </Form.Item>
    </ModalForm>
  );
}
