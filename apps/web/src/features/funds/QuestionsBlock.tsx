import { useState } from 'react';
import { App, Button, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FundDetail, TransactionView } from '@gongzhi/contracts';
import { api } from '../../api/client.ts';
import { useNotifyError } from '../../components/useNotifyError.ts';

/** Residents' questions on one entry with staff answers; a signed-in visitor asks, staff of the fund answer. */
export function QuestionsBlock({ fund, entry, signedIn, onChanged }: { fund: FundDetail; entry: TransactionView; signedIn: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const mayAnswer = fund.abilities.includes('fund.answer');

  const ask = async () => {
    try {
      await api.post(`/api/v1/public/funds/${fund.code}/transactions/${entry.id}/questions`, { question: text.trim() });
      setText('');
      setOpen(false);
      void message.success(t('common.action.saved'));
      onChanged();
    } catch (e) {
      notify(e);
    }
  };
  const answer = async (id: string) => {
    try {
      await api.post(`/api/v1/funds/${fund.id}/questions/${id}/answer`, { answer: (answers[id] ?? '').trim() });
      onChanged();
    } catch (e) {
      notify(e);
    }
  };

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
                  <Button onClick={() => void answer(q.id)} disabled={!(answers[q.id] ?? '').trim()}>{t('funds.fund.answer')}</Button>
                </Space.Compact>
              )
              : <Typography.Text type="secondary">{t('funds.fund.unanswered')}</Typography.Text>}
        </div>
      ))}
      {signedIn && !open && <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)} data-testid="entry-ask">{t('funds.fund.ask')}</Button>}
      {open && (
        <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('funds.fund.askPlaceholder')} maxLength={1000} />
          <Button type="primary" onClick={() => void ask()} disabled={!text.trim()}>{t('funds.fund.ask')}</Button>
        </Space.Compact>
      )}
    </div>
  );
}
