import { App, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import type { CategoryView, UpdateCategoryBody } from '../../api/types.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { requestKeys } from './requests.queries.ts';
import type { DepartmentOption } from './catalogue.ts';

type Values = {
  nameZh: string; nameEn: string; departmentId?: string; respondHours: number; resolveHours: number; workingTime: boolean;
  requiredFields: ('location' | 'photo' | 'address')[]; active: boolean;
};

/** Props of {@link CategoryModal}. */
export interface CategoryModalProps {
  category: CategoryView;
  departments: readonly DepartmentOption[];
  onClose: () => void;
  onSaved: (c: CategoryView) => void;
}

/**
 * Edits one category of the district's catalogue: names, department, time limits and whether they
 * count working time only, required fields, and whether residents can choose it. The matter class
 * is not editable here: the API keeps it, and the suggester's labels depend on it.
 */
export function CategoryModal({ category: c, departments, onClose, onSaved }: CategoryModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = (v: Values) => {
    const body: UpdateCategoryBody = {
      nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), departmentId: v.departmentId ?? null, respondHours: v.respondHours,
      resolveHours: v.resolveHours, workingTime: v.workingTime, requiredFields: v.requiredFields, active: v.active,
    };
    return unwrap(gz.PATCH('/api/v1/categories/{id}', { params: { path: { id: c.id } }, body }));
  };
  const saved = (category: CategoryView) => {
    void message.success(t('common.action.saved'));
    onSaved(category);
  };

  const hours = (max: number) => <InputNumber min={1} max={max} precision={0} style={{ width: '100%' }} />;
  return (
    // The refusal stays in the dialog (the editor compares it with the fields), not in a passing toast.
    <ModalForm<Values, CategoryView> title={`${t('kpi.categories.edit')} · ${c.code}`} onClose={onClose} submit={save} onDone={saved}
      invalidates={[requestKeys.all]} width={640} testId="category-form" errorTestId="category-error"
      initialValues={{
        nameZh: c.nameZh, nameEn: c.nameEn, departmentId: c.department?.id, respondHours: c.respondHours, resolveHours: c.resolveHours,
        workingTime: c.workingTime, requiredFields: c.requiredFields as Values['requiredFields'], active: c.active,
      }}
    >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="nameZh" label={t('kpi.categories.nameZh')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} /></Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('kpi.categories.nameEn')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="departmentId" label={t('kpi.categories.department')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('kpi.categories.noDepartment')} aria-label={t('kpi.categories.noDepartment')} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="respondHours" label={t('kpi.categories.respondHours')} rules={[{ required: true }]}>{hours(720)}</Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="resolveHours" label={t('kpi.categories.resolveHours')} rules={[{ required: true }]}>{hours(2160)}</Form.Item>
          </Col>
        </Row>
        <Form.Item name="workingTime" label={t('kpi.categories.workingTime')} extra={t('kpi.categories.workingTimeHint')} valuePropName="checked">
          <Switch data-testid="category-working-time" />
        </Form.Item>
        <Form.Item name="requiredFields" label={t('kpi.categories.requiredFields')}>
          <Select mode="multiple" allowClear options={(['location', 'address', 'photo'] as const).map((f) => ({ value: f, label: t(`kpi.categories.required.${f}`) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('kpi.categories.active')} valuePropName="checked">
          <Switch data-testid="category-active" />
        </Form.Item>
    </ModalForm>
  );
}
