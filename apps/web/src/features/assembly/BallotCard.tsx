import { useState } from 'react';
import { Alert, App, Button, Card, Radio, Space, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import type { AssemblyDetail, Choice } from './types.ts';
import { assemblyKeys } from './assembly.queries.ts';

const CHOICES: Choice[] = ['for', 'against', 'abstain'];

/**
 * The owner's ballot, sized for a phone and elder mode: one row of three big buttons per matter,
 * shortcuts that set every matter at once (so a ballot is one tap plus "send", whatever the number
 * of matters), and, since a ballot cannot be changed, one confirmation that reads the choices back.
 */
export function BallotCard({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const mine = assembly.mine!;
  const castAlready = Object.keys(mine.cast).length > 0;
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  // Cast once; the assembly (now showing my ballot), its progress and the list refetch.
  const casting = useApiMutation({
    mutationFn: (cast: Record<string, Choice>) => unwrap(gz.POST('/api/v1/assemblies/{id}/ballots', {
      params: { path: { id: assembly.id } },
      body: { choices: assembly.matters.map((m) => ({ matterId: m.id, choice: cast[m.id]! })) },
    })),
    invalidates: [assemblyKeys.all],
  });
  const busy = casting.isPending;
  const complete = assembly.matters.every((m) => choices[m.id]);

  const owner = t('assembly.ballot.owner', { label: mine.label, units: mine.unitCount, area: mine.area });
  if (castAlready) {
    return (
      <Card title={t('assembly.ballot.title')} data-testid="ballot-done">
        <Typography.Title level={3} style={{ marginTop: 0 }}><CheckCircleFilled style={{ color: '#389e0d' }} /> {t('assembly.ballot.done')}</Typography.Title>
        <Typography.Paragraph type="secondary">{owner}</Typography.Paragraph>
        {assembly.matters.map((m) => (
          <div key={m.id} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{m.position}. {m.title}</Typography.Text>
            <div>{t('assembly.ballot.yourChoice', { choice: mine.cast[m.id] ? t(`assembly.ballot.${mine.cast[m.id]!}`) : '—' })}</div>
          </div>
        ))}
      </Card>
    );
  }

  const submit = () => casting.mutateAsync(choices).catch(() => undefined);
  const confirm = () => modal.confirm({
    title: t('assembly.ballot.confirmTitle'),
    content: (
      <div data-testid="ballot-confirm">
        <Typography.Paragraph>{t('assembly.ballot.confirmBody')}</Typography.Paragraph>
        {assembly.matters.map((m) => (
          <div key={m.id}><Typography.Text strong>{m.position}. {m.title}</Typography.Text>：{t(`assembly.ballot.${choices[m.id]!}`)}</div>
        ))}
      </div>
    ),
    okText: t('assembly.ballot.confirmOk'), cancelText: t('assembly.ballot.confirmCancel'),
    okButtonProps: { size: 'large', ...{ 'data-testid': 'ballot-confirm-ok' } }, cancelButtonProps: { size: 'large' },
    onOk: submit,
  });
  const setAll = (c: Choice) => setChoices(Object.fromEntries(assembly.matters.map((m) => [m.id, c])));

  return (
    <Card title={t('assembly.ballot.title')} data-testid="ballot-card">
      <Typography.Paragraph type="secondary">{owner}</Typography.Paragraph>
      {assembly.description && (
        <Typography.Paragraph data-testid="ballot-assembly-detail" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{assembly.description}</Typography.Paragraph>
      )}
      {assembly.matters.length > 1 && (
        <Space wrap style={{ marginBottom: 16 }}>
          {CHOICES.map((c) => (
            <Button key={c} size="large" onClick={() => setAll(c)} data-testid={`ballot-all-${c}`}>
              {t(`assembly.ballot.${c === 'for' ? 'allFor' : c === 'against' ? 'allAgainst' : 'allAbstain'}`)}
            </Button>
          ))}
        </Space>
      )}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {assembly.matters.map((m) => (
          <div key={m.id} data-testid={`ballot-matter-${m.position}`}>
            <Typography.Text strong>{m.position}. {m.title}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '2px 0 4px' }}>{t(`assembly.kind.${m.kind}`)} · {t(`assembly.majority.${m.majority}`)}</Typography.Paragraph>
            {/* What is voted on (the budget, the contract's terms): in the body's own size and colour,
                so it grows with elder mode and reads as the text to decide on, not as a footnote. */}
            {m.description && (
              <Typography.Paragraph data-testid={`ballot-matter-detail-${m.position}`}
                style={{ margin: '0 0 8px', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', padding: '8px 12px', background: 'rgba(0,0,0,0.03)', borderRadius: 6 }}>
                {m.description}
              </Typography.Paragraph>
            )}
            <Radio.Group
              value={choices[m.id]}
              onChange={(e) => setChoices((c) => ({ ...c, [m.id]: e.target.value as Choice }))}
              optionType="button" buttonStyle="solid" size="large" style={{ display: 'flex' }}
            >
              {CHOICES.map((c) => (
                <Radio.Button key={c} value={c} style={{ flex: 1, textAlign: 'center' }} data-testid={`ballot-${m.position}-${c}`}>
                  {t(`assembly.ballot.${c}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </div>
        ))}
        <Alert type="warning" showIcon message={t('assembly.ballot.warn')} />
        <Button type="primary" size="large" block disabled={!complete} loading={busy} onClick={confirm} data-testid="ballot-submit">
          {complete ? t('assembly.ballot.submit') : t('assembly.ballot.chooseAll')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>{t('assembly.ballot.notice')}</Typography.Text>
      </Space>
    </Card>
  );
}
