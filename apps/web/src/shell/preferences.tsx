import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { i18n, LANGUAGE_KEY, savedLanguage } from '../i18n/index.ts';
import type { UiLanguage } from '../i18n/types.ts';
import { setApiLanguage } from '../api/client.ts';
import { buildTheme, ELDER_SIZES, type ElderSize } from './theme.ts';

const ELDER_KEY = 'gz.elder';
const ELDER_SIZE_KEY = 'gz.elderSize';

/** The reader's display preferences, kept in this browser. */
export interface Preferences {
  language: UiLanguage;
  setLanguage: (l: UiLanguage) => void;
  elder: boolean;
  setElder: (on: boolean) => void;
  elderSize: ElderSize;
  setElderSize: (s: ElderSize) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

/** The current display preferences. */
export function usePreferences(): Preferences {
  const p = useContext(PreferencesContext);
  if (!p) throw new Error('usePreferences outside PreferencesProvider');
  return p;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // private mode or storage disabled: fall back to defaults
  }
}
function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not persisted, but the choice still applies for this visit.
  }
}

const dayjsLocale = (l: UiLanguage) => (l === 'zh-CN' ? 'zh-cn' : 'en');

/**
 * Provides language and elder mode, and applies them everywhere at once: i18next, antd's locale and
 * theme, dayjs, the API's Accept-Language, and attributes on <html> (lang, data-elder, the font-size
 * variable) that plain CSS and browser tests can see.
 */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [language, setLang] = useState<UiLanguage>(savedLanguage);
  const [elder, setElderState] = useState(() => read(ELDER_KEY) === 'true');
  const [elderSize, setSize] = useState<ElderSize>(() => (read(ELDER_SIZE_KEY) === 'xlarge' ? 'xlarge' : 'large'));

  // Before paint of children: the API client must send the right language from the first request.
  setApiLanguage(language);
  dayjs.locale(dayjsLocale(language));

  useEffect(() => {
    document.documentElement.lang = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language]);

  useEffect(() => {
    const html = document.documentElement;
    html.dataset.elder = String(elder);
    html.style.setProperty('--gz-font-size', `${elder ? ELDER_SIZES[elderSize] : 14}px`);
  }, [elder, elderSize]);

  const setLanguage = useCallback((l: UiLanguage) => {
    write(LANGUAGE_KEY, l);
    setLang(l);
  }, []);
  const setElder = useCallback((on: boolean) => {
    write(ELDER_KEY, String(on));
    setElderState(on);
  }, []);
  const setElderSize = useCallback((s: ElderSize) => {
    write(ELDER_SIZE_KEY, s);
    setSize(s);
  }, []);

  const value = useMemo(
    () => ({ language, setLanguage, elder, setElder, elderSize, setElderSize }),
    [language, setLanguage, elder, setElder, elderSize, setElderSize],
  );
  const theme = useMemo(() => buildTheme(elder, elderSize), [elder, elderSize]);

  return (
    <PreferencesContext.Provider value={value}>
      <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </PreferencesContext.Provider>
  );
}
