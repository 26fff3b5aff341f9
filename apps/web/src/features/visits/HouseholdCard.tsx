import { useState } from 'react';
import { Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { EyeInvisibleOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ResidentTag } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { useDomainLabels } from '../../components/labels.ts';
import { formatMinute } from '../../components/time.ts';
import { useRelationLabel } from '../org/relations.ts';
import { STATUS_COLOURS } from './statusColours.ts';
import type { VisitListItem } from './types.ts';

type Member = VisitListItem['members'][number];

/**
 * A member's phone, masked as the list brought it. "显示电话" calls org's reveal, which writes who saw
 * whose number to the audit log (hence the confirmation); the number is kept in this row's state only,
 * never in the query cache or the phone's offline copy. Revealing needs a connection.
 */
function MemberPhone({ member, online }: { member: Member; online: boolean }) {
  const { t } = useTranslation();
  const [full, setFull] = useState<string | null>(null);
  const reveal = useApiMutation({
    mutationFn: () => unwrap(gz.POST('/api/v1/residents/{id}/reveal', { params: { path: { id: member.residentId } }, body: { field: 'phone' } })),
    onSuccess: (r) => setFull(r.value ?? '—'),
  });
  // Lists kept on the phone before the masked phone was sent have no such field.
  const masked = member.phoneMasked ?? null;
  if (!masked) return <Typography.Text type="secondary">{t('visits.form.noPhone')}</Typography.Text>;
  return (
    <Space wrap size={4}>
      <span className="gz-mono" data-testid="member-phone" data-revealed={full !== null}>
        {full ? <a href={`tel:${full}`}>{full}</a> : masked}
      </span>
      {full === null ? (
        <Popconfirm title={t('common.reveal.confirm')} okText={t('common.reveal.ok')} onConfirm={() => reveal.mutate()} disabled={!online} styles={{ root: { maxWidth: 320 } }}>
          <Button size="small" icon={<PhoneOutlined />} loading={reveal.isPending} disabled={!online} data-testid="member-phone-reveal"
            title={online ? undefined : t('visits.form.phoneOffline')}>
            {t('visits.form.showPhone')}
          </Button>
        </Popconfirm>
      ) : (
        <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setFull(null)} data-testid="member-phone-hide">{t('common.reveal.hide')}</Button>
      )}
    </Space>
  );
}

/**
 * The household at the door: address, why and how often it is visited (special households say which
 * tags make them so), and each member with relation, age, tags and a masked phone. Everything but the
 * phone reveal comes from the list kept on the phone, so it shows offline too.
 */
export function HouseholdCard({ household: h }: { household: VisitListItem }) {
  const { t } = useTranslation();
  const labels = useDomainLabels();
  const relation = useRelationLabel();
  const online = typeof navigator === 'undefined' || navigator.onLine;
  const tag = (x: string) => labels.tag(x as ResidentTag);
  const specialTags = h.specialTags ?? [];
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="visit-household-card">
      <Typography.Paragraph strong style={{ fontSize: '1.15em', marginBottom: 4 }} data-testid="visit-form-address">{h.address}</Typography.Paragraph>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <Tag color={STATUS_COLOURS[h.status]}>{t(`visits.status.${h.status}`)}</Tag>
        {h.special && <Tag color="magenta">{t('visits.list.special')}</Tag>}
        <Typography.Text type="secondary">{h.regionName}</Typography.Text>
      </Space>
      <Typography.Paragraph data-testid="visit-reason" style={{ marginBottom: 4 }}>
        {h.special && specialTags.length
          ? t('visits.form.reasonSpecial', { tags: specialTags.map(tag).join('、'), n: h.intervalDays })
          : t('visits.form.reasonRegular', { n: h.intervalDays })}
        {' · '}{t('visits.list.due', { day: h.dueDay })}
        {h.daysOverdue > 0 && <> · {t('visits.list.overdueDays', { n: h.daysOverdue })}</>}
        {' · '}{h.lastVisitAt ? t('visits.list.last', { at: formatMinute(h.lastVisitAt) }) : t('visits.list.never')}
      </Typography.Paragraph>
      <Typography.Text strong>{t('visits.form.membersTitle')}</Typography.Text>
      <List
        size="small"
        locale={{ emptyText: t('visits.form.noMembers') }}
        dataSource={h.members}
        rowKey={(m) => m.residentId}
        renderItem={(m) => (
          <List.Item data-testid="visit-member" data-resident={m.residentId} style={{ display: 'block', paddingInline: 0 }}>
            <Space wrap size={4}>
              <Typography.Text strong>{m.name}</Typography.Text>
              <Typography.Text>{relation(m.relation)}</Typography.Text>
              {m.age !== null && m.age !== undefined && <Typography.Text>{t('visits.form.age', { n: m.age })}</Typography.Text>}
              {m.tags.map((x) => (
                <Tag key={x} color={specialTags.includes(x) ? 'magenta' : 'blue'} data-testid="visit-member-tag">{tag(x)}</Tag>
              ))}
            </Space>
            <div><MemberPhone member={m} online={online} /></div>
          </List.Item>
        )}
      />
    </Card>
  );
}
