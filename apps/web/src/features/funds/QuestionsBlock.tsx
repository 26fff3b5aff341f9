import { useState } from 'react';
import { App, Button, Checkbox, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FundDetail, TransactionView } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { fundKeys } from './funds.queries.ts';

/** Residents' questions on one entry with staff answers; a signed-in visitor asks, staff of the fund answer. */
export function QuestionsBlock({ fund, entry, signedIn }: { fund: FundDetail; entry: TransactionView; signedIn: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  // Anonymous (居民) unless the asker ticks the box to be named.
  const [showName, setShowName] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const mayAnswer = fund.abilities.includes('fund.answer');

  const asking = useApiMutation({
    mutationFn: (question: string) => unwrap(gz.POST('/api/v1/public/funds/{code}/transactions/{txId}/questions', {
      params: { path: { code: fund.code, txId: entry.id } }, body: { question, showName },
    })),
    invalidates: [fundKeys.entriesOf(fund.code)],
    onSuccess: () => {
      setText('');
      setShowName(false);
      setOpen(false);
      void message.success(t('common.action.saved'));
    },
  });
  const answering = useApiMutation({
    mutationFn: (id: string) => unwrap(gz.POST('/api/v1/funds/{id}/questions/{questionId}/answer', {
      params: { path: { id: fund.id, questionId: id } }, body: { answer: (answers[id] ?? '').trim() },
    })),
    invalidates: [fundKeys.entriesOf(fund.code)],
  });
  const ask = () => asking.mutate(text.trim());
  const answer = (id: string) => answering.mutate(id);

  return (
    <div>
      {entry.questions.map((q) => (
        <div key={q.id} style={{ marginTop: 4 }} data-testid="entry-question">
          <Typography.Text>{q.askerName}：{q.question}</Typography.Text><br />
          {q.answer
            ? <Typography.Text type="success">{t('funds.fund.answer')}（{q.answeredByName}）：{q.answer}</Typography.Text>
            : mayAnswer
              ? (
                <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
                  <Input value={answers[q.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} placeholder={t('funds.fund.answerPlaceholder')} />
                  <Button onClick={() => answer(q.id)} loading={answering.isPending && answering.variables === q.id} disabled={!(answers[q.id] ?? '').trim()}>{t('funds.fund.answer')}</Button>
                </Space.Compact>
              )
              : <Typography.Text type="secondary">{t('funds.fund.unanswered')}</Typography.Text>}
        </div>
      ))}
      {signedIn && !open && <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)} data-testid="entry-ask">{t('funds.fund.ask')}</Button>}
      {open && (
        <Space direction="vertical" size={4} style={{ width: '100%', maxWidth: 520 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('funds.fund.askPlaceholder')} maxLength={1000} data-testid="entry-question-text" />
            <Button type="primary" onClick={ask} loading={asking.isPending} disabled={!text.trim()} data-testid="entry-question-send">{t('funds.fund.ask')}</Button>
          </Space.Compact>
          <Checkbox checked={showName} onChange={(e) => setShowName(e.target.checked)} data-testid="entry-question-show-name">{t('funds.fund.showName')}</Checkbox>
        </Space>
      )}
    </div>
  );
}
