import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionLevel } from '../api/types.ts';

const COLOURS: Record<RegionLevel, string> = {
  district: 'red', street: 'volcano', community: 'blue', grid: 'green', microgrid: 'cyan',
};

/** A region's level as a tag; the colour only helps, the text always says the level. */
export function LevelTag({ level }: { level: RegionLevel }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[level]} data-testid="level-tag">{t(`common.level.${level}`)}</Tag>;
}
