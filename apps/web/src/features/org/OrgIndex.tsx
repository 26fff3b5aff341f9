import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** The right-hand side of /org before a region is chosen. */
export default function OrgIndex() {
  const { t } = useTranslation();
  return <Empty style={{ marginTop: 64 }} description={t('org.tree.pick')} />;
}
