import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import type { CreateUnitBody } from '../../api/types.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { orgKeys } from './org.queries.ts';

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
  const submit = (v: Values) => {
    const body: CreateUnitBody = { buildingId, number: v.number, area: v.area.trim(), use: v.use };
    if (typeof v.floor === 'number') body.floor = v.floor;
    return unwrap(gz.POST('/api/v1/units', { body }));
  };

  return (
    <ModalForm<Values> title={t('people.building.addUnit')} submit={submit} onDone={onDone} onClose={onClose}
      invalidates={[orgKeys.all]} initialValues={{ use: 'residential' }} testId="add-unit-form">
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
    </ModalForm>
  );
}
