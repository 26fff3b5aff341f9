import { Space, Tag } from 'antd';
import type { ResidentTag } from '@gongzhi/core';
import { useDomainLabels } from './labels.ts';

// Attention tags in warm colours, helper tags in cool ones; the text is what carries the meaning.
const COLOURS: Partial<Record<ResidentTag, string>> = {
  elderly_alone: 'orange', disabled: 'orange', low_income: 'orange', key_care: 'red',
  party_member: 'red', volunteer: 'green', veteran: 'blue',
};

/** A resident's tags, each with its name in the current language. */
export function ResidentTags({ tags }: { tags: readonly ResidentTag[] }) {
  const labels = useDomainLabels();
  if (!tags.length) return null;
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color={COLOURS[tag]} data-tag={tag}>
          {labels.tag(tag)}
        </Tag>
      ))}
    </Space>
  );
}
