/**
 * i18next set-up. Each feature keeps its strings beside its code (`<feature>.i18n.ts`, Chinese source
 * plus an English file typed against it); this file stitches them into one `translation` namespace so
 * keys read `org.region.title` everywhere.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as common from './common.ts';
import * as auth from '../features/auth/auth.i18n.ts';
import * as org from '../features/org/org.i18n.ts';
import * as people from '../features/org/people.i18n.ts';
import * as residents from '../features/residents/residents.i18n.ts';
import * as imports from '../features/import/import.i18n.ts';
import * as users from '../features/users/users.i18n.ts';
import * as audit from '../features/audit/audit.i18n.ts';
import * as requests from '../features/requests/requests.i18n.ts';
import * as report from '../features/requests/report.i18n.ts';
import * as kpi from '../features/requests/kpi.i18n.ts';
import * as newRequest from '../features/requests/newRequest.i18n.ts';
import * as instructions from '../features/instructions/instructions.i18n.ts';
import * as assembly from '../features/assembly/assembly.i18n.ts';
import * as councils from '../features/councils/councils.i18n.ts';
import * as notices from '../features/notices/notices.i18n.ts';
import * as panels from '../features/panels/panels.i18n.ts';
import * as funds from '../features/funds/funds.i18n.ts';
import * as visits from '../features/visits/visits.i18n.ts';
import * as privacy from '../features/privacy/privacy.i18n.ts';
import * as inbox from '../features/inbox/inbox.i18n.ts';
import * as projects from '../features/projects/projects.i18n.ts';
import * as money from '../features/projects/money.i18n.ts';
import * as delivery from '../features/projects/delivery.i18n.ts';
import * as tender from '../features/projects/tender.i18n.ts';
import * as bank from '../features/bank/bank.i18n.ts';
import * as activities from '../features/activities/activities.i18n.ts';
import * as volunteers from '../features/volunteers/volunteers.i18n.ts';
import * as party from '../features/party/party.i18n.ts';
import { UI_LANGUAGES, type UiLanguage } from './types.ts';

const zhResources = {
  common: common.zh, auth: auth.zh, org: org.zh, people: people.zh, residents: residents.zh,
  import: imports.zh, users: users.zh, audit: audit.zh, requests: requests.zh, report: report.zh, kpi: kpi.zh,
  newRequest: newRequest.zh,
  instructions: instructions.zh,
  assembly: assembly.zh, councils: councils.zh, notices: notices.zh, panels: panels.zh,
  funds: funds.zh,
  visits: visits.zh,
  privacy: privacy.zh,
  inbox: inbox.zh,
  projects: projects.zh,
  money: money.zh,
  delivery: delivery.zh,
  tender: tender.zh,
  bank: bank.zh,
  activities: activities.zh,
  volunteers: volunteers.zh,
  party: party.zh,
};
// Each English file is typed against its Chinese source, so the shapes already match.
const enResources = {
  common: common.en, auth: auth.en, org: org.en, people: people.en, residents: residents.en,
  import: imports.en, users: users.en, audit: audit.en, requests: requests.en, report: report.en, kpi: kpi.en,
  newRequest: newRequest.en,
  instructions: instructions.en,
  assembly: assembly.en, councils: councils.en, notices: notices.en, panels: panels.en,
  funds: funds.en,
  visits: visits.en,
  privacy: privacy.en,
  inbox: inbox.en,
  projects: projects.en,
  money: money.en,
  delivery: delivery.en,
  tender: tender.en,
  bank: bank.en,
  activities: activities.en,
  volunteers: volunteers.en,
  party: party.en,
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhResources };
  }
}

/** localStorage key for the chosen language. */
export const LANGUAGE_KEY = 'gz.lang';

/** The language saved in this browser, or zh-CN. */
export function savedLanguage(): UiLanguage {
  try {
    const v = localStorage.getItem(LANGUAGE_KEY);
    return (UI_LANGUAGES as readonly string[]).includes(v ?? '') ? (v as UiLanguage) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhResources }, en: { translation: enResources } },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  // React already escapes what it renders.
  interpolation: { escapeValue: false },
});

export { i18n };
export type { UiLanguage };
