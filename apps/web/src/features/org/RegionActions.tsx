import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Popconfirm, Space } from 'antd';
import {
  BorderOutlined, CloudUploadOutlined, DownloadOutlined, EditOutlined, NodeIndexOutlined, PlusOutlined, StopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { download, gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { orgKeys } from './org.queries.ts';
import type { RegionDetail } from '../../api/types.ts';
import { AddChildModal, BoundaryModal, MoveModal, RenameModal } from './RegionModals.tsx';

type Open = 'child' | 'rename' | 'boundary' | 'move' | null;

/**
 * The buttons for what the user may do to this region, from the abilities the API sent with it; the
 * API checks again, so hiding is a courtesy, not the protection.
 */
export function RegionActions(props: { region: RegionDetail; onChanged: (o?: { parentChanged?: string | null }) => void }) {
  const { region, onChanged } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<Open>(null);
  const can = (a: string) => region.abilities.includes(a);
  const manage = can('region.manage') && !region.retired;

  const retire = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/regions/{id}/retire', { params: { path: { id: region.id } } })),
    invalidates: [orgKeys.all],
    onSuccess: () => {
      void message.success(t('org.actions.retired'));
      onChanged();
    },
  });
  const exporting = useApiMutation({
    mutationFn: async () => {
      const hide = message.loading(t('org.actions.exporting'), 0);
      try {
        await download('/api/v1/exports/residents.xlsx', { regionId: region.id }, `${region.name}.xlsx`);
      } finally {
        hide();
      }
    },
  });

  const buttons = [];
  if (manage && region.level !== 'microgrid') {
    buttons.push(<Button key="child" icon={<PlusOutlined />} onClick={() => setOpen('child')} data-testid="action-add-child">{t('org.actions.addChild')}</Button>);
  }
  if (manage) {
    buttons.push(<Button key="rename" icon={<EditOutlined />} onClick={() => setOpen('rename')} data-testid="action-rename">{t('org.actions.rename')}</Button>);
    buttons.push(<Button key="boundary" icon={<BorderOutlined />} onClick={() => setOpen('boundary')} data-testid="action-boundary">{t('org.actions.boundary')}</Button>);
  }
  if (manage && region.level !== 'district') {
    buttons.push(<Button key="move" icon={<NodeIndexOutlined />} onClick={() => setOpen('move')} data-testid="action-move">{t('org.actions.move')}</Button>);
  }
  if (manage) {
    buttons.push(
      <Popconfirm key="retire" title={t('org.actions.retireConfirm', { name: region.name })} onConfirm={() => retire.mutate()} okButtonProps={{ danger: true }}>
        <Button danger icon={<StopOutlined />} data-testid="action-retire">{t('org.actions.retire')}</Button>
      </Popconfirm>,
    );
  }
  if (can('export.run')) {
    buttons.push(<Button key="export" icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="action-export">{t('org.actions.export')}</Button>);
  }
  if (can('import.run') && !region.retired && ['community', 'grid', 'microgrid'].includes(region.level)) {
    buttons.push(
      <Link key="import" to={`/import?regionId=${region.id}`}>
        <Button icon={<CloudUploadOutlined />} data-testid="action-import">{t('org.actions.import')}</Button>
      </Link>,
    );
  }
  if (!buttons.length) return null;

  const close = () => setOpen(null);
  return (
    <>
      <Space wrap>{buttons}</Space>
      {open === 'child' && <AddChildModal parent={region} onClose={close} onDone={() => { close(); onChanged(); }} />}
      {open === 'rename' && <RenameModal region={region} onClose={close} onDone={() => { close(); onChanged(); }} />}
      {open === 'boundary' && <BoundaryModal region={region} onClose={close} onDone={() => { close(); onChanged(); }} />}
      {open === 'move' && (
        <MoveModal region={region} onClose={close} onDone={(newParent) => { close(); onChanged({ parentChanged: newParent }); }} />
      )}
    </>
  );
}
