import { Col, Form, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLE_BINDING, ROLE_RANK, ROLES, type Role } from '@gongzhi/core';
import { useQuery } from '@tanstack/react-query';
import { organisationsQuery } from '../org/org.queries.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useDomainLabels } from '../../components/labels.ts';
import { useSignedIn } from '../../shell/session.tsx';

type NamePath = (string | number)[];

/** Roles the signed-in user may hand out: none above their own highest (the API enforces it too). */
export function useGrantableRoles(): Role[] {
  const session = useSignedIn();
  const top = Math.max(-1, ...session.grants.map((g) => ROLE_RANK[g.role]));
  return ROLES.filter((r) => ROLE_RANK[r] <= top);
}

function OrganisationSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const { data, isFetching: loading } = useQuery(organisationsQuery());
  return (
    <Select
      {...props}
      showSearch
      loading={loading}
      optionFilterProp="label"
      options={(data ?? []).map((o) => ({ value: o.id, label: `${o.name} · ${o.regionName}` }))}
      data-testid="grant-organisation"
    />
  );
}

/**
 * A role and what it is bound to, as form fields: a region for staff and residents, an organisation
 * for departments and partners, nothing for the platform administrator (ROLE_BINDING in core).
 * `name` is the path inside the form (relative inside a Form.List), `watchPath` the absolute one.
 */
export function GrantFields({ name, watchPath }: { name: NamePath; watchPath: NamePath }) {
  const { t } = useTranslation();
  const labels = useDomainLabels();
  const roles = useGrantableRoles();
  const form = Form.useFormInstance();
  const role = Form.useWatch<Role | undefined>([...watchPath, 'role'], form);
  const binding = role ? ROLE_BINDING[role] : undefined;

  return (
    <Row gutter={12} style={{ flex: 1 }}>
      <Col xs={24} md={10}>
        <Form.Item name={[...name, 'role']} label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select
            options={roles.map((r) => ({ value: r, label: labels.role(r) }))}
            onChange={() => {
              // A new role may bind to something else; a stale region or organisation must not ride along.
              form.setFieldValue([...watchPath, 'regionId'], undefined);
              form.setFieldValue([...watchPath, 'organisationId'], undefined);
            }}
            data-testid="grant-role"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={14}>
        {binding === 'region' && (
          <Form.Item name={[...name, 'regionId']} label={t('users.scopeRegion')} rules={[{ required: true, message: t('users.scopeRegionRequired') }]}>
            <RegionTreeSelect style={{ width: '100%' }} testId="grant-region" />
          </Form.Item>
        )}
        {binding === 'organisation' && (
          <Form.Item name={[...name, 'organisationId']} label={t('users.scopeOrg')} rules={[{ required: true, message: t('users.scopeOrgRequired') }]}>
            <OrganisationSelect />
          </Form.Item>
        )}
        {binding === 'global' && (
          <Form.Item label={t('users.scopeRegion')}>
            <Typography.Text>{t('users.scopeGlobal')}</Typography.Text>
          </Form.Item>
        )}
      </Col>
    </Row>
  );
}

/** The grant as the API wants it: only the binding the role uses. */
export function toGrantBody(v: { role: Role; regionId?: string; organisationId?: string }) {
  const binding = ROLE_BINDING[v.role];
  return {
    role: v.role,
    ...(binding === 'region' && v.regionId ? { regionId: v.regionId } : {}),
    ...(binding === 'organisation' && v.organisationId ? { organisationId: v.organisationId } : {}),
  };
}
