import { App, Button, Card, Col, Form, Input, Row } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import type { CreateUserBody } from '../../api/types.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { userKeys } from './users.queries.ts';
import { GrantFields, toGrantBody } from './GrantFields.tsx';

interface Values {
  name: string;
  phone: string;
  password: string;
  grants: { role: Role; regionId?: string; organisationId?: string }[];
}

/** Creates an account with its first roles. */
export function CreateUserModal(props: { onClose: () => void; onDone: () => void }) {
  const { onClose, onDone } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = (v: Values) => {
    const body: CreateUserBody = { name: v.name, phone: v.phone.trim(), password: v.password, grants: (v.grants ?? []).map(toGrantBody) };
    return unwrap(gz.POST('/api/v1/users', { body }));
  };
  const done = () => {
    void message.success(t('users.created'));
    onDone();
  };

  return (
    <ModalForm<Values> title={t('users.create')} onClose={onClose} submit={submit} onDone={done} invalidates={[userKeys.all]}
      width={720} initialValues={{ grants: [{}] }} testId="create-user-form">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('users.nameRequired') }]}>
              <Input maxLength={50} data-testid="create-user-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('users.phone')} rules={[{ required: true, whitespace: true, message: t('users.phoneRequired') }]}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="create-user-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHelp')} rules={[{ required: true, message: t('users.passwordRequired') }]}>
          <Input.Password autoComplete="new-password" data-testid="create-user-password" />
        </Form.Item>
        <Card size="small" title={t('users.grants')}>
          <Form.List name="grants">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                    <GrantFields name={[field.name]} watchPath={['grants', field.name]} />
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.action.remove')}
                      style={{ marginTop: 30 }}
                    />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  {t('users.addGrant')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
    </ModalForm>
  );
}
