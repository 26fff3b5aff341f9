import { App, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RESIDENT_TAGS, type ResidentTag } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { CreateResidentBody } from '../../api/types.ts';
import { useDomainLabels } from '../../components/labels.ts';
import { RELATIONS, useRelationLabel } from './relations.ts';
import { orgKeys } from './org.queries.ts';

interface Values {
  name: string;
  relation: string;
  idNumber?: string;
  phone?: string;
  tags: ResidentTag[];
}

/** Adds a member to a household; ID number and phone are checked by the API and stored encrypted. */
export function AddResidentForm(props: { householdId: string; hasHead: boolean }) {
  const { householdId, hasHead } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useDomainLabels();
  const relationLabel = useRelationLabel();
  const [form] = Form.useForm<Values>();
  const add = useApiMutation({
    mutationFn: (v: Values) => {
      const body: CreateResidentBody = { householdId, name: v.name, relation: v.relation, tags: v.tags ?? [] };
      if (v.idNumber?.trim()) body.idNumber = v.idNumber.trim();
      if (v.phone?.trim()) body.phone = v.phone.trim();
      return unwrap(gz.POST('/api/v1/residents', { body }));
    },
    // The household's member list and every count above it change.
    invalidates: [orgKeys.all],
    onSuccess: () => {
      void message.success(t('people.resident.added'));
      form.resetFields();
    },
    form,
  });
  const busy = add.isPending;

  return (
    <Card size="small" title={t('people.household.addMember')} data-testid="add-resident">
      <Form<Values> form={form} layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ relation: hasHead ? undefined : '户主', tags: [] }} disabled={busy}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('people.resident.name')} rules={[{ required: true, whitespace: true, message: t('people.resident.nameRequired') }]}>
              <Input maxLength={50} data-testid="add-resident-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="relation" label={t('people.resident.relation')} rules={[{ required: true, message: t('people.resident.relationRequired') }]}>
              <Select options={RELATIONS.map((r) => ({ value: r, label: relationLabel(r) }))} data-testid="add-resident-relation" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="tags" label={t('people.resident.tags')}>
              <Select mode="multiple" allowClear options={RESIDENT_TAGS.map((tag) => ({ value: tag, label: labels.tag(tag) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="idNumber" label={t('people.resident.idNumber')} extra={t('people.resident.idNumberHelp')}>
              <Input maxLength={18} autoComplete="off" className="gz-mono" data-testid="add-resident-id" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={t('people.resident.phone')} extra={t('people.resident.phoneHelp')}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" className="gz-mono" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={busy} data-testid="add-resident-submit">
          {t('people.household.addMember')}
        </Button>
      </Form>
    </Card>
  );
}
