import { Card, Descriptions, Progress, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CategoryView, Suggestion } from '../../api/types.ts';
import { MatterTag } from './RequestTags.tsx';
import { percent } from './requestLabels.ts';

/**
 * The suggester's guess (class, category, department) with its confidence, for staff only. It is a
 * suggestion: the sort form starts from it and staff decide.
 */
export function SuggestionCard({ suggestion: s, categories }: { suggestion: Suggestion; categories: readonly CategoryView[] }) {
  const { t } = useTranslation();
  const category = s.category ? categories.find((c) => c.code === s.category) : undefined;
  return (
    <Card title={<><BulbOutlined /> {t('requests.suggestion.title')}</>} size="small" data-testid="suggestion-card">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'matter', label: t('requests.detail.matter'), children: <MatterTag matter={s.matter} /> },
          ...(s.category ? [{ key: 'category', label: t('requests.detail.category'), children: category?.name ?? s.category }] : []),
          ...(category?.department ? [{ key: 'department', label: t('requests.detail.department'), children: category.department.name }] : []),
          {
            key: 'confidence',
            label: t('requests.suggestion.confidence'),
            children: <Progress
              percent={Math.round(s.confidence * 100)}
              status="normal"
              format={() => percent(s.confidence)}
              size="small"
              style={{ width: 180, margin: 0 }}
              data-testid="suggestion-confidence"
              aria-label={t('requests.suggestion.confidence')}
            />,
          },
        ]}
      />
      <Typography.Text type="secondary">{t('requests.suggestion.hint')}</Typography.Text>
    </Card>
  );
}
