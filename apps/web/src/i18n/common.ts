import type { Messages } from './types.ts';

/** Strings shared by the shell and several features. */
export const zh = {
  appName: '共治',
  appTagline: '社区共建共治共享平台',
  menu: {
    org: '组织架构', residents: '居民', import: '导入', users: '用户与角色', audit: '审计日志', open: '打开菜单',
    requests: '诉求工单', newRequest: '代为反映', dashboard: '数据看板', categories: '诉求类别', report: '反映问题', myRequests: '我的诉求',
  },
  header: {
    demo: '演示账号',
    elder: '长辈版',
    elderSize: '字号',
    sizeLarge: '大',
    sizeXlarge: '特大',
    language: '语言',
    signOut: '退出登录',
    signedOut: '已退出登录',
  },
  level: { district: '区', street: '街道', community: '社区', grid: '网格', microgrid: '微网格' },
  tenure: { owner: '自有', tenant: '租住', other: '其他' },
  gender: { male: '男', female: '女' },
  relation: { 户主: '户主', 配偶: '配偶', 子女: '子女', 父母: '父母', 兄弟姐妹: '兄弟姐妹', 孙子女: '孙子女', 祖父母: '祖父母', 其他: '其他' },
  action: {
    save: '保存', cancel: '取消', confirm: '确认', search: '搜索', reset: '重置', create: '新建', edit: '编辑',
    remove: '移除', back: '返回', retry: '重试', view: '查看', open: '打开', add: '添加', saved: '已保存', close: '关闭',
  },
  field: { name: '名称', code: '代码', level: '层级', status: '状态', address: '地址', actions: '操作' },
  status: { active: '在用', retired: '已撤销', yes: '是', no: '否' },
  unit: { households: '户', residents: '人', total: '共 {{total}} 条' },
  empty: '暂无数据',
  none: '无',
  loading: '加载中…',
  error: { title: '出错了', notFound: '找不到该内容，可能不存在或不在您的管辖范围内', forbidden: '您没有权限查看此页面' },
  notFound: { title: '页面不存在', text: '您访问的页面不存在。', home: '返回首页' },
  regionSelect: { placeholder: '选择区域', wrongLevel: '此处不能选择该层级' },
  reveal: {
    button: '查看完整号码',
    confirm: '查看完整号码会记录在审计日志中（谁、何时、查看了谁的信息）。确定查看吗？',
    ok: '确定查看',
    hide: '隐藏',
  },
} as const;

export const en: Messages<typeof zh> = {
  appName: 'Gongzhi',
  appTagline: 'Community co-governance platform',
  menu: {
    org: 'Organisation', residents: 'Residents', import: 'Import', users: 'Users & roles', audit: 'Audit log', open: 'Open menu',
    requests: 'Requests', newRequest: 'File a request', dashboard: 'Dashboard', categories: 'Categories', report: 'Report a problem', myRequests: 'My requests',
  },
  header: {
    demo: 'Demo account',
    elder: 'Elder mode',
    elderSize: 'Text size',
    sizeLarge: 'Large',
    sizeXlarge: 'Extra large',
    language: 'Language',
    signOut: 'Sign out',
    signedOut: 'Signed out',
  },
  level: { district: 'District', street: 'Street', community: 'Community', grid: 'Grid', microgrid: 'Micro-grid' },
  tenure: { owner: 'Owner-occupied', tenant: 'Rented', other: 'Other' },
  gender: { male: 'Male', female: 'Female' },
  relation: {
    户主: 'Head of household', 配偶: 'Spouse', 子女: 'Child', 父母: 'Parent', 兄弟姐妹: 'Sibling', 孙子女: 'Grandchild',
    祖父母: 'Grandparent', 其他: 'Other',
  },
  action: {
    save: 'Save', cancel: 'Cancel', confirm: 'Confirm', search: 'Search', reset: 'Reset', create: 'Create', edit: 'Edit',
    remove: 'Remove', back: 'Back', retry: 'Retry', view: 'View', open: 'Open', add: 'Add', saved: 'Saved', close: 'Close',
  },
  field: { name: 'Name', code: 'Code', level: 'Level', status: 'Status', address: 'Address', actions: 'Actions' },
  status: { active: 'Active', retired: 'Retired', yes: 'Yes', no: 'No' },
  unit: { households: 'households', residents: 'people', total: '{{total}} in total' },
  empty: 'No data',
  none: 'None',
  loading: 'Loading…',
  error: { title: 'Something went wrong', notFound: 'Not found; it may not exist or lie outside your area', forbidden: 'You are not allowed to see this page' },
  notFound: { title: 'Page not found', text: 'The page you asked for does not exist.', home: 'Back to the start' },
  regionSelect: { placeholder: 'Choose a region', wrongLevel: 'This level cannot be chosen here' },
  reveal: {
    button: 'Show full number',
    confirm: 'Viewing the full number is recorded in the audit log (who, when, whose data). Show it?',
    ok: 'Show it',
    hide: 'Hide',
  },
};
