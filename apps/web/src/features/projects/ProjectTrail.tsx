import { Progress, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';
import { formatHundredths } from '@gongzhi/core';
import { yuan } from './projects.queries.ts';

type Trail = Omit<z.infer<typeof C.RequestProjectLink>, 'id' | 'title' | 'status' | 'costFen'>;
type Step = z.infer<typeof C.ProjectEvent>;

/** Where a step's link leads: the public notice board, the fund's public ledger entry, or the activity. */
function stepHref(link: NonNullable<Step['link']>): string | null {
  if (link.kind === 'notice') return `/notices/${link.id}`;
  if (link.kind === 'ledger' && link.code) return `/public/funds/${link.code}/entries/${link.id}`;
  if (link.kind === 'activity') return `/activities/${link.id}`;
  return null;
}

/** One step: what happened, who (never a person), when, and what it says (a score, an amount, a percentage). */
function StepLine({ e }: { e: Step }) {
  const { t } = useTranslation();
  const href = e.link ? stepHref(e.link) : null;
  return (
    <div data-testid={`trail-step-${e.kind}`}>
      <Typography.Text strong>{t(`projects.event.${e.kind}`)}</Typography.Text>{' '}
      <Typography.Text type="secondary">{e.by} · {new Date(e.at).toLocaleDateString('zh-CN')}</Typography.Text>
      {e.amountFen !== null && <div>{yuan(e.amountFen)}</div>}
      {e.figure !== null && e.kind === 'progress' && <Progress percent={e.figure} size="small" aria-label={t('projects.trail.progress')} />}
      {e.figure !== null && e.kind.startsWith('acceptance') && <div>{t('projects.trail.score', { score: formatHundredths(BigInt(e.figure)) })}</div>}
      {e.figure !== null && e.kind === 'rated' && <div>{'★'.repeat(e.figure)}</div>}
      {e.text && <Typography.Paragraph style={{ marginBottom: 0 }}>{e.text}</Typography.Paragraph>}
      {href && <Link to={href}>{t(`projects.trail.${e.link!.kind}`)}</Link>}
    </div>
  );
}

/**
 * A project's whole trail (the closed loop): the money awarded and paid, who carries it out, progress,
 * the acceptance score and residents' ratings, then every step oldest first. Shown on the request's
 * page, the project's page and its public page; it holds no personal data.
 */
export function ProjectTrail({ trail }: { trail: Trail }) {
  const { t } = useTranslation();
  const avg = trail.ratingCount ? formatHundredths(BigInt(Math.round((trail.ratingSum * 100) / trail.ratingCount))) : null;
  return (
    <div data-testid="project-trail">
      <Space wrap size="small" style={{ marginBottom: 8 }}>
        {trail.implementer && <Tag>{t('projects.trail.implementer', { name: trail.implementer })}</Tag>}
        {trail.awardedFen && <Tag color="gold" data-testid="trail-money">{t('projects.trail.money', { awarded: yuan(trail.awardedFen), paid: yuan(trail.paidFen) })}</Tag>}
        {trail.acceptanceScore !== null && <Tag color="green">{t('projects.trail.score', { score: formatHundredths(BigInt(trail.acceptanceScore)) })}</Tag>}
        {avg && <Tag color="blue" data-testid="trail-rating">{t('projects.trail.rating', { avg, count: trail.ratingCount })}</Tag>}
      </Space>
      {trail.progress > 0 && <Progress percent={trail.progress} aria-label={t('projects.trail.progress')} />}
      <Timeline items={trail.events.map((e, i) => ({ key: `${e.at}-${i}`, children: <StepLine e={e} /> }))} />
    </div>
  );
}
