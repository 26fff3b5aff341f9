/** Strings of the "my data" page (PIPL: copy and removal). */
export const zh = {
  title: '我的个人信息',
  intro: '依照《个人信息保护法》，您可以随时下载平台保存的您的全部个人信息，或要求注销并删除。',
  exportTitle: '下载我的数据',
  exportHelp: '包括账号、居民登记信息（含完整身份证号和手机号）、家庭和您反映过的诉求，保存为一个数据文件（JSON 格式，可交给信任的人用电脑打开）。每次下载都会记入审计日志。',
  exportButton: '下载我的全部信息',
  eraseTitle: '注销并删除我的个人信息',
  eraseHelp: '您的姓名、身份证号、手机号等将被匿名化（显示为“已注销居民”），账号停用并退出所有设备。为保证记录完整，审计记录和资金账目会保留，但不再能关联到您。此操作不可撤销。',
  eraseButton: '注销并删除',
  eraseConfirm: '确定要注销吗？此操作不可撤销。',
  eraseOk: '确定注销',
  cancel: '取消',
  staffNote: '工作人员账号不能在此注销；居民当面或书面提出的删除要求，请在居民详情页办理。',
};
export const en: typeof zh = {
  title: 'My personal data',
  intro: 'Under the Personal Information Protection Law you may download everything the platform holds about you, or ask to be removed, at any time.',
  exportTitle: 'Download my data',
  exportHelp: 'Your account, your register entry (with your full ID number and phone), your household and the requests you raised, as JSON. Every download is recorded in the audit log.',
  exportButton: 'Download all my data',
  eraseTitle: 'Remove me',
  eraseHelp: 'Your name, ID number and phone are anonymised (shown as “已注销居民”), your account is disabled and signed out everywhere. Audit records and fund ledgers stay whole but no longer point to you. This cannot be undone.',
  eraseButton: 'Remove me',
  eraseConfirm: 'Remove your account and personal data? This cannot be undone.',
  eraseOk: 'Remove',
  cancel: 'Cancel',
  staffNote: 'Staff accounts cannot be removed here; a resident\'s request made in person or on paper is carried out from the resident\'s page.',
};
