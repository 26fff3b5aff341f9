import { useCallback, useEffect, useState } from 'react';
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
  const [syncing, setSyncing] = useState(false);
  useEffect(() => onQueueChange(() => setItems(queued(userId))), [userId]);

  const sync = useCallback(async () => {
    if (!queued(userId).length) return;
    setSyncing(true);
    try {
      const r = await syncVisits(userId);
      if (r.sent.length) { void message.success(t('visits.list.synced', { n: r.sent.length })); onSynced?.(); }
      if (r.refused) void message.warning(t('visits.list.refused', { n: r.refused }));
    } finally {
      setSyncing(false);
    }
  }, [userId, message, t, onSynced]);

  useEffect(() => { if (online) void sync(); }, [online, sync]);
  return { online, items, syncing, sync };
}
