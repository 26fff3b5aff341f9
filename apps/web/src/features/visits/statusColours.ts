import type { VisitStatus } from '@gongzhi/core';

/** Tag colour of each visit status, shared by the list and the form. */
export const STATUS_COLOURS: Record<VisitStatus, string> = { overdue: 'error', due: 'warning', ok: 'success' };
