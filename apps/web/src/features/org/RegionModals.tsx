import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { childLevel, parentLevel, validateBoundary } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import type { MoveRegionBody, RegionDetail } from '../../api/types.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { orgKeys } from './org.queries.ts';

const SEGMENT = /^\d{3}$/;

/** The boundary field's text as the API takes it: blank is "no boundary", else parsed JSON. */
const boundaryOf = (text: string | undefined): unknown => (text?.trim() ? JSON.parse(text) : null);

/**
 * A GeoJSON boundary pasted as text, checked here for shape (the API checks again, and checks that
 * it lies inside the parent and clear of the neighbours; its refusal shows in the dialog's Alert).
 */
function BoundaryField() {
  const { t } = useTranslation();
  const valid = async (_: unknown, text: string | undefined) => {
    if (!text?.trim()) return;
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { throw new Error(t('org.form.boundaryNotJson')); }
    const v = validateBoundary(parsed);
    if (!v.ok) throw new Error(t('org.form.boundaryInvalid', { reason: v.reason }));
  };
  return (
    <Form.Item name="boundary" label={t('org.form.boundary')} extra={t('org.form.boundaryHelp')} rules={[{ validator: valid }]}>
      <Input.TextArea rows={6} className="gz-mono" spellCheck={false} data-testid="boundary-input" />
    </Form.Item>
  );
}

/** "Saved", then the caller's follow-up: every region modal ends the same way. */
function useSaved<V>(onDone: (v: V) => void) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (_: unknown, v: V) => {
    void message.success(t('common.action.saved'));
    onDone(v);
  };
}

/** Adds a region one level below `parent`: a three-digit segment and a name. */
export function AddChildModal(props: { parent: RegionDetail; onClose: () => void; onDone: () => void }) {
  const { parent, onClose, onDone } = props;
  const { t } = useTranslation();
  const level = childLevel(parent.level);
  const saved = useSaved(onDone);
  if (!level) return null;
  return (
    <ModalForm<{ segment: string; name: string; boundary?: string }> title={t('org.form.childTitle', { level: t(`common.level.${level}`) })} onClose={onClose}
      submit={(v) => unwrap(gz.POST('/api/v1/regions', { body: { parentId: parent.id, segment: v.segment, name: v.name, ...(v.boundary?.trim() ? { boundary: boundaryOf(v.boundary) } : {}) } }))}
      invalidates={[orgKeys.all]} onDone={saved} testId="add-child-form" errorTestId="add-child-error">
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
        <BoundaryField />
    </ModalForm>
  );
}

/**
 * Draws (or clears) a region's boundary. Refusals stay in the dialog in plain words: outside the
 * parent, over a named neighbour, or shrunk away from a named sub-region.
 */
export function BoundaryModal(props: { region: RegionDetail; onClose: () => void; onDone: () => void }) {
  const { region, onClose, onDone } = props;
  const { t } = useTranslation();
  const saved = useSaved(onDone);
  return (
    <ModalForm<{ boundary?: string }> title={t('org.form.boundaryTitle')} onClose={onClose} intro={<p>{t('org.form.boundaryIntro')}</p>}
      submit={(v) => unwrap(gz.PATCH('/api/v1/regions/{id}', { params: { path: { id: region.id } }, body: { boundary: boundaryOf(v.boundary) } }))}
      invalidates={[orgKeys.all]} onDone={saved} initialValues={{ boundary: region.boundary ? JSON.stringify(region.boundary) : '' }}
      testId="boundary-form" errorTestId="boundary-error">
        <BoundaryField />
    </ModalForm>
  );
}

/** Renames a region. */
export function RenameModal(props: { region: RegionDetail; onClose: () => void; onDone: () => void }) {
  const { region, onClose, onDone } = props;
  const { t } = useTranslation();
  const saved = useSaved(onDone);
  return (
    <ModalForm<{ name: string }> title={t('org.form.renameTitle')} onClose={onClose}
      submit={(v) => unwrap(gz.PATCH('/api/v1/regions/{id}', { params: { path: { id: region.id } }, body: { name: v.name } }))}
      invalidates={[orgKeys.all]} onDone={saved} initialValues={{ name: region.name }} testId="rename-form">
        <Form.Item name="name" label={t('org.form.name')} rules={[{ required: true, whitespace: true, message: t('org.form.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
    </ModalForm>
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
  const saved = useSaved<{ parentId: string }>((v) => onDone(v.parentId));
  if (!above) return null;
  const move = (v: { parentId: string; segment?: string }) => {
    const body: MoveRegionBody = { parentId: v.parentId, ...(v.segment ? { segment: v.segment } : {}) };
    return unwrap(gz.POST('/api/v1/regions/{id}/move', { params: { path: { id: region.id } }, body }));
  };
  return (
    <ModalForm<{ parentId: string; segment?: string }> title={t('org.form.moveTitle')} onClose={onClose} submit={move}
      invalidates={[orgKeys.all]} onDone={saved} testId="move-form" errorTestId="move-error">
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
    </ModalForm>
  );
}
