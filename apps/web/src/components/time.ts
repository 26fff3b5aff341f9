import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { CHINA_TIME_ZONE, chinaDay, chinaIso, endOfChinaDay, startOfChinaDay } from '@gongzhi/core';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every time on the platform is shown in China Standard Time, whatever the browser's zone. */
export const ZONE = CHINA_TIME_ZONE;

/** An ISO instant as "2025-01-31 14:05:09" in Asia/Shanghai, or "—". */
export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(ZONE).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** The start of a calendar day in Asia/Shanghai as an ISO string with offset (for API filters). */
export function startOfDayIso(day: dayjs.Dayjs): string {
  return chinaIso(startOfChinaDay(day.format('YYYY-MM-DD')));
}

/** The last millisecond of a calendar day in Asia/Shanghai as an ISO string with offset. */
export function endOfDayIso(day: dayjs.Dayjs): string {
  return chinaIso(endOfChinaDay(day.format('YYYY-MM-DD')), true);
}

/** An ISO instant as "2025-01-31 14:05" in Asia/Shanghai (for deadlines, where seconds are noise), or "—". */
export function formatMinute(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(ZONE).format('YYYY-MM-DD HH:mm') : '—';
}

/**
 * Today's calendar date in Asia/Shanghai, as a local-midnight dayjs value for date pickers (which
 * work in the browser's zone): a browser elsewhere still counts "today" as China does.
 */
export function todayInChina(): dayjs.Dayjs {
  return dayjs(chinaDay(new Date()));
}
