import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { childLevel, parentLevel } from '@gongzhi/core';
import { api } from '../../api/client.ts';
import type { CreateRegionBody, MoveRegionBody, RegionDetail, UpdateRegionBody } from '../../api/types.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useNotifyError } from '../../components/useNotifyError.ts';

const SEGMENT = /^\d{3}$/;

/** A modal form that posts its values and reports field errors from the API under the fields. */
function useSubmit<V>(send: (v: V) => Promise<unknown>, onDone: (v: V) => void) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await send(values);
      void message.success(t('common.action.saved'));
      onDone(values);
    } catch (e) {
      notifyError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, submit };
}

/** Adds a region one level below `parent`: a three-digit segment and a name. */
export function AddChildModal(props: { parent: RegionDetail; onClose: () => void; onDone: () => void }) {
  const { parent, onClose, onDone } = props;
  const { t } = useTranslation();
  const level = childLevel(parent.level);
  const { form, busy, submit } = useSubmit<{ segment: string; name: string }>(
    (v) => api.post('/api/v1/regions', { parentId: parent.id, segment: v.segment, name: v.name } satisfies CreateRegionBody),
    onDone,
  );
  if (!level) return null;
  return (
    <Modal open title={t('org.form.childTitle', { level: t(`common.level.${level}`) })} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="add-child-form">
        <Form.Item
          name="segment"
          label={t('org.form.segment')}
          extra={t('org.form.segmentHelp', { example: `${parent.code}001` })}
          rules={[{ required: true, pattern: SEGMENT, message: t('org.form.segmentRule') }]}
        >
          <Input prefix={<span className="gz-mono">{parent.code}</span>} maxLength={3} inputMode="numeric" className="gz-mono" />
        </Form.Item>
        <Form.Item name="name" label={t('org.form.name')} rules={[{ required: true, whitespace: true, message: t('org.form.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Renames a region. */
export function RenameModal(props: { region: RegionDetail; onClose: () => void; onDone: () => void }) {
  const { region, onClose, onDone } = props;
  const { t } = useTranslation();
  const { form, busy, submit } = useSubmit<{ name: string }>(
    (v) => api.patch(`/api/v1/regions/${region.id}`, { name: v.name } satisfies UpdateRegionBody),
    onDone,
  );
  return (
    <Modal open title={t('org.form.renameTitle')} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ name: region.name }} data-testid="rename-form">
        <Form.Item name="name" label={t('org.form.name')} rules={[{ required: true, whitespace: true, message: t('org.form.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Moves a region under another parent of the level above it (a grid to another community). Only such
 * regions can be picked in the tree; the rest can still be opened to reach them.
 */
export function MoveModal(props: { region: RegionDetail; onClose: () => void; onDone: (newParentId: string) => void }) {
  const { region, onClose, onDone } = props;
  const { t } = useTranslation();
  const above = parentLevel(region.level);
  const { form, busy, submit } = useSubmit<{ parentId: string; segment?: string }>(
    (v) => {
      const body: MoveRegionBody = { parentId: v.parentId, ...(v.segment ? { segment: v.segment } : {}) };
      return api.post(`/api/v1/regions/${region.id}/move`, body);
    },
    (v) => onDone(v.parentId),
  );
  if (!above) return null;
  return (
    <Modal open title={t('org.form.moveTitle')} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="move-form">
        <Form.Item
          name="parentId"
          label={t('org.form.newParent', { level: t(`common.level.${above}`) })}
          rules={[{ required: true, message: t('org.form.newParentRequired') }]}
        >
          <RegionTreeSelect selectable={(r) => r.level === above && !r.retired && r.id !== region.parentId} style={{ width: '100%' }} testId="move-parent" />
        </Form.Item>
        <Form.Item
          name="segment"
          label={t('org.form.newSegment')}
          extra={t('org.form.newSegmentHelp')}
          rules={[{ pattern: SEGMENT, message: t('org.form.segmentRule') }]}
        >
          <Input maxLength={3} inputMode="numeric" className="gz-mono" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
