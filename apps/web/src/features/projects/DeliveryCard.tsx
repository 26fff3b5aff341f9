import { Card, Divider, List, Progress, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatMinute } from '../../components/time.ts';
import { DELIVERY_STATUSES, deliveryQuery, type DeliveryView } from './delivery.queries.ts';
import { ActivityForm, AnswerForm, InspectionForm, MilestonesForm, ProgressForm } from './DeliveryForms.tsx';
import { AcceptanceList, CloseButton, OpenAcceptanceForm, OutcomeForm } from './AcceptanceForms.tsx';
import { RateProject } from './RateProject.tsx';

const photoUrl = (projectId: string, photoId: string) => `/api/v1/projects/${projectId}/photos/${photoId}`;

function Photos({ projectId, ids }: { projectId: string; ids: string[] }) {
  if (!ids.length) return null;
  return (
    <Space wrap size={8}>
      {ids.map((id, i) => (
        <a key={id} href={photoUrl(projectId, id)} target="_blank" rel="noreferrer">
          <img src={photoUrl(projectId, id)} alt={`photo ${i + 1}`} style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 8 }} />
        </a>
      ))}
    </Space>
  );
}

/** Milestones with how far each is done, and the overall weighted progress. */
function Milestones({ view }: { view: DeliveryView }) {
  const { t } = useTranslation();
  return (
    <>
      <Progress percent={view.progressPercent} aria-label={t('delivery.progress')} data-testid="delivery-progress" />
      <List size="small" dataSource={view.milestones} locale={{ emptyText: t('delivery.none') }} data-testid="delivery-milestones"
        renderItem={(m) => <List.Item>{m.name}（{m.weight}%）<Tag>{t('delivery.milestones.done', { percent: m.donePercent })}</Tag></List.Item>} />
    </>
  );
}

/**
 * Steps 5–7 on a project's page: progress against weighted milestones with photos, activities,
 * inspections and answered concerns, acceptances, residents' ratings. Each form shows only when the
 * viewer may use it (the API's `abilities`).
 */
export function DeliveryCard({ p }: { p: { id: string; status: string } }) {
  const { t } = useTranslation();
  const shown = DELIVERY_STATUSES.includes(p.status);
  const q = useQuery({ ...deliveryQuery(p.id), enabled: shown });
  const v = q.data;
  if (!shown || !v) return null;
  const can = (a: string) => v.abilities.includes(a);
  const avg = v.ratingCount ? (v.ratingSum / v.ratingCount).toFixed(1) : null;
  return (
    <>
      <RateProject id={p.id} view={v} />
      <Card title={t('delivery.title')} style={{ marginTop: 16 }} data-testid="delivery-card">
        {v.implementer && <Typography.Paragraph>{t('delivery.implementer', { name: v.implementer })}</Typography.Paragraph>}
        <Milestones view={v} />
        {can('milestones') && <MilestonesForm id={p.id} />}
        {can('progress') && <><Divider /><ProgressForm id={p.id} view={v} /></>}
        {v.updates.length > 0 && (
          <>
            <Divider titlePlacement="start">{t('delivery.updates')}</Divider>
            <List size="small" dataSource={v.updates} data-testid="delivery-updates" renderItem={(u) => (
              <List.Item>
                <Space direction="vertical" size={4}>
                  <span>{formatMinute(u.at)} · {u.by} · {u.milestone} {u.donePercent}%</span>
                  <Typography.Text>{u.note}</Typography.Text>
                  <Photos projectId={p.id} ids={u.photoIds} />
                </Space>
              </List.Item>
            )} />
          </>
        )}
        {can('activity') && <><Divider /><ActivityForm id={p.id} /></>}
        {(v.inspections.length > 0 || can('inspect')) && <Divider titlePlacement="start">{t('delivery.inspect.title')}</Divider>}
        <List size="small" dataSource={v.inspections} locale={{ emptyText: ' ' }} data-testid="delivery-inspections" renderItem={(i) => (
          <List.Item>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <span>{formatMinute(i.at)} · {i.by} {i.concern && <Tag color={i.answer ? 'green' : 'orange'}>{i.answer ? t('delivery.inspect.answered', { answer: i.answer }) : t('delivery.inspect.open')}</Tag>}</span>
              <Typography.Text>{i.note}</Typography.Text>
              <Photos projectId={p.id} ids={i.photoIds} />
              {i.concern && !i.answer && can('answer') && <AnswerForm id={p.id} inspectionId={i.id} />}
            </Space>
          </List.Item>
        )} />
        {can('inspect') && <InspectionForm id={p.id} />}
        {(v.acceptances.length > 0 || can('open_acceptance')) && <Divider titlePlacement="start">{t('delivery.acceptance.title')}</Divider>}
        <AcceptanceList view={v} />
        {can('open_acceptance') && <OpenAcceptanceForm id={p.id} />}
        {can('record_outcome') && <OutcomeForm id={p.id} />}
        {avg && <Typography.Paragraph style={{ marginTop: 12 }} data-testid="delivery-rating-average">{t('delivery.rate.average', { avg, count: v.ratingCount })}</Typography.Paragraph>}
        {can('close') && <CloseButton id={p.id} />}
      </Card>
    </>
  );
}
