import { useEffect, useState } from 'react';
import { apiUrl } from '../../api/client.ts';
import type { Progress } from './types.ts';

/**
 * Follows an instruction's progress at one node through Server-Sent Events: the server pushes the
 * roll-up on every change (at most twice a second); EventSource reconnects by itself after a loss.
 */
export function useProgressStream(id: string, path: string | undefined): { progress: Progress | undefined; live: boolean } {
  const [progress, setProgress] = useState<Progress>();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const es = new EventSource(apiUrl(`/api/v1/instructions/${id}/progress/stream`, { path }), { withCredentials: true });
    es.addEventListener('progress', (e) => {
      setProgress(JSON.parse((e as MessageEvent<string>).data) as Progress);
      setLive(true);
    });
    es.onerror = () => setLive(false);
    return () => es.close();
  }, [id, path]);
  return { progress, live };
}
