import type { Messages } from '../../i18n/types.ts';

/** Sign-in page strings. */
export const zh = {
  title: '登录',
  phone: '手机号',
  phoneRequired: '请输入手机号',
  password: '密码',
  passwordRequired: '请输入密码',
  submit: '登录',
  expired: '登录已过期，请重新登录',
  demoHint: '演示账号说明见项目 README',
} as const;

export const en: Messages<typeof zh> = {
  title: 'Sign in',
  phone: 'Mobile number',
  phoneRequired: 'Enter your mobile number',
  password: 'Password',
  passwordRequired: 'Enter your password',
  submit: 'Sign in',
  expired: 'Your session has expired; please sign in again',
  demoHint: 'Demo accounts are described in the project README',
};
