import { useCallback, useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { onQueueChange, queued, syncVisits, type QueuedVisit } from './offline.ts';

/** Whether the browser says it is online, kept up to date. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true), down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => { window.removeEventListener('online', up); window.removeEventListener('offline', down); };
  }, []);
  return online;
}

/**
 * The phone's queue of unsent visits, synced on opening, whenever the browser comes back online and
 * on demand; says how many went through and how many the server refused.
 */
export function useVisitQueue(userId: string, onSynced?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const online = useOnline();
  const [items, setItems] = useState<QueuedVisit[]>(() => queued(userId));
  useEffect(() => onQueueChange(() => setItems(queued(userId))), [userId]);

  // A network failure is not an error here: the visits stay queued for the next round.
  const round = useMutation({
    mutationFn: () => syncVisits(userId),
    networkMode: 'always',
    onSuccess: (r) => {
      if (r.sent.length) { void message.success(t('visits.list.synced', { n: r.sent.length })); onSynced?.(); }
      if (r.refused) void message.warning(t('visits.list.refused', { n: r.refused }));
    },
  });
  const { mutate } = round;
  const sync = useCallback(() => {
    if (queued(userId).length) mutate();
  }, [userId, mutate]);

  useEffect(() => { if (online) sync(); }, [online, sync]);
  const syncing = round.isPending;
  return { online, items, syncing, sync };
}
