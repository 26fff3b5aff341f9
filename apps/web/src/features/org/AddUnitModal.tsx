import { useState } from 'react';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { CreateUnitBody } from '../../api/types.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';

// Same rule as the contract: up to seven digits and two decimals. The area goes to the API as the
// string typed, never through a float, so "85.32" is stored as exactly 8532.
const AREA = /^\d{1,7}(\.\d{1,2})?$/;

interface Values {
  number: string;
  floor?: number | null;
  area: string;
  use: 'residential' | 'commercial';
}

/** Registers a unit (flat or shop) in a building with its exclusive floor area. */
export function AddUnitModal(props: { buildingId: string; onClose: () => void; onDone: () => void }) {
  const { buildingId, onClose, onDone } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const notifyError = useNotifyError();

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body: CreateUnitBody = { buildingId, number: v.number, area: v.area.trim(), use: v.use };
      if (typeof v.floor === 'number') body.floor = v.floor;
      await api.post('/api/v1/units', body);
      onDone();
    } catch (e) {
      notifyError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('people.building.addUnit')} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ use: 'residential' }} data-testid="add-unit-form">
        <Form.Item name="number" label={t('people.building.unitNumber')} rules={[{ required: true, whitespace: true, message: t('people.building.numberRequired') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="floor" label={t('people.building.floor')}>
          <InputNumber min={-5} max={200} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="area" label={t('people.building.area')} rules={[{ required: true, pattern: AREA, message: t('people.building.areaRule') }]}>
          <Input inputMode="decimal" placeholder="85.32" className="gz-mono" />
        </Form.Item>
        <Form.Item name="use" label={t('people.building.use')}>
          <Select
            options={[
              { value: 'residential', label: t('people.building.useResidential') },
              { value: 'commercial', label: t('people.building.useCommercial') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
