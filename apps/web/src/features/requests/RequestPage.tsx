import type { ReactNode } from 'react';
import { Button, Card, Col, Grid, Row, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageError } from '../../components/PageError.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { ExtensionsCard } from './ExtensionsCard.tsx';
import { HandlersCard } from './HandlersCard.tsx';
import { RequestFacts } from './RequestFacts.tsx';
import { RequestTimeline } from './RequestTimeline.tsx';
import { ResidentActions } from './ResidentActions.tsx';
import { SlaBadge, StateTag } from './RequestTags.tsx';
import { SuggestionCard } from './SuggestionCard.tsx';
import { useCategories, useDepartments } from './catalogue.ts';
import { useRequest } from './useRequest.ts';

/**
 * /requests/:id — a request as staff handle it: the facts, the suggestion, the actions this user may
 * take now (from the API's `allowed`), handlers and sub-tasks, extensions, and the full timeline with
 * internal steps. Every step's answer replaces the page's copy at once.
 */
export default function RequestPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  // Two columns only on wide screens; below that the cards stack with the actions near the top.
  const wide = Grid.useBreakpoint().xl === true;
  const { data: r, error, reload, replace } = useRequest(id);
  const { data: categories } = useCategories();
  const departments = useDepartments(categories);

  if (error) return <PageError error={error} onRetry={reload} />;
  if (!r) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;

  const cats = categories ?? [];
  const facts = <RequestFacts key="facts" request={r} onChanged={replace} />;
  const actions = (
    <Space key="actions" orientation="vertical" size={16} style={{ width: '100%' }}>
      <ActionPanel request={r} categories={cats} departments={departments} onChanged={replace} />
      <ResidentActions request={r} onChanged={replace} />
    </Space>
  );
  const suggestion = r.suggestion ? <SuggestionCard key="suggestion" suggestion={r.suggestion} categories={cats} /> : null;
  const handlers = <HandlersCard key="handlers" request={r} departments={departments} onChanged={replace} />;
  const extensions = <ExtensionsCard key="extensions" request={r} onChanged={replace} />;
  const timeline = (
    <Card key="timeline" title={t('requests.timeline.title')}>
      <RequestTimeline entries={r.timeline} />
    </Card>
  );
  const column = (items: ReactNode[]) => <Space orientation="vertical" size={16} style={{ width: '100%' }}>{items}</Space>;

  return (
    <div data-testid="request-page">
      <Link to="/requests">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>{t('requests.detail.back')}</Button>
      </Link>
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }} className="gz-mono" data-testid="request-number">{r.number}</Typography.Title>
        <StateTag state={r.state} />
        <SlaBadge sla={r.slaState} escalation={r.escalationLevel} />
      </Space>
      {wide ? (
        <Row gutter={16}>
          <Col span={14}>{column([facts, suggestion, handlers, extensions])}</Col>
          <Col span={10}>{column([actions, timeline])}</Col>
        </Row>
      ) : (
        column([facts, actions, suggestion, handlers, extensions, timeline])
      )}
    </div>
  );
}
