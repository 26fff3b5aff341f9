import type { ReactNode } from 'react';
import {
  BulbOutlined, CarOutlined, DeleteOutlined, FireOutlined, QuestionCircleOutlined, SoundOutlined, ThunderboltOutlined, ToolOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CategoryView } from '../../api/types.ts';

/**
 * The most common things residents report (Chengdu and Beijing 12345 statistics put corridors, street
 * lights, rubbish, noise, parking and repairs at the top), in that order. A district whose catalogue
 * lacks one simply shows fewer tiles; everything else is found by typing, since the platform suggests
 * the category from the text anyway.
 */
const COMMON: readonly { code: string; icon: ReactNode }[] = [
  { code: 'corridor', icon: <FireOutlined /> },
  { code: 'municipal', icon: <BulbOutlined /> },
  { code: 'sanitation', icon: <DeleteOutlined /> },
  { code: 'neighbours', icon: <SoundOutlined /> },
  { code: 'compound_parking', icon: <CarOutlined /> },
  { code: 'common_repairs', icon: <ToolOutlined /> },
  { code: 'utilities', icon: <ThunderboltOutlined /> },
];

/** "Not sure": a deliberate choice of no category, so the tile shows as chosen. */
export const UNSURE = '';

/** Props of {@link CategoryTiles}. */
export interface CategoryTilesProps {
  categories: readonly CategoryView[] | undefined;
  /** The chosen code, UNSURE, or undefined when nothing is chosen yet. */
  value: string | undefined;
  onChange: (code: string | undefined) => void;
}

/** Big category tiles for the resident's report page; tapping the chosen tile again clears it. */
export function CategoryTiles({ categories, value, onChange }: CategoryTilesProps) {
  const { t } = useTranslation();
  const byCode = new Map((categories ?? []).map((c) => [c.code, c]));
  const tiles = COMMON.flatMap(({ code, icon }) => {
    const c = byCode.get(code);
    return c ? [{ code, icon, name: c.name }] : [];
  });
  tiles.push({ code: UNSURE, icon: <QuestionCircleOutlined />, name: t('report.report.unsure') });

  return (
    <div className="gz-tiles" role="group" aria-label={t('report.report.step1')} data-testid="report-categories">
      {tiles.map((tile) => {
        const chosen = value === tile.code;
        return (
          <button
            key={tile.code || 'unsure'}
            type="button"
            className={chosen ? 'gz-tile gz-tile-on' : 'gz-tile'}
            aria-pressed={chosen}
            onClick={() => onChange(chosen ? undefined : tile.code)}
            data-testid={`report-category-${tile.code || 'unsure'}`}
          >
            <span className="gz-tile-icon" aria-hidden>{tile.icon}</span>
            <span>{tile.name}</span>
          </button>
        );
      })}
    </div>
  );
}
