import type { Messages } from '../../i18n/types.ts';

/** A project's money on its page (issue 16 step 8): the reservation, what is paid and left, the instalment plan. */
export const zh = {
  title: '项目资金',
  fund: '支付基金',
  awarded: '中标金额', reserved: '已预留', paid: '已支付', pending: '待审批', left: '未支付', released: '结项释放',
  payee: '收款方',
  plan: '分期付款计划',
  instalment: '第 {{k}} 期（{{percent}}%）',
  state: { planned: '未申请', pending: '待审批', paid: '已支付', refused: '已退回' },
  when: '首期：项目开始实施后；中间各期：实施进度达到 50% 后；末期：验收通过后。',
  request: '申请付款',
  receipt: '上传发票或收据',
  submit: '提交付款申请',
  approveOn: '付款申请须由另一位有审批权的人员在基金页面审批。',
  fundPage: '打开基金审批页面',
  notReserved: '中标后将在基金中预留中标金额。',
  requested: '已提交付款申请，等待审批',
  reservedOnFund: '已预留',
};

export const en: Messages<typeof zh> = {
  title: 'Project money',
  fund: 'Paying fund',
  awarded: 'Awarded', reserved: 'Reserved', paid: 'Paid', pending: 'Awaiting approval', left: 'Left to pay', released: 'Released at close',
  payee: 'Payee',
  plan: 'Instalment plan',
  instalment: 'Instalment {{k}} ({{percent}}%)',
  state: { planned: 'Not asked', pending: 'Awaiting approval', paid: 'Paid', refused: 'Refused' },
  when: 'First: once the work is under way; middle ones: at 50 % progress; last: once accepted.',
  request: 'Ask for payment',
  receipt: 'Upload an invoice or receipt',
  submit: 'Submit the payment request',
  approveOn: 'A second person with the approval right approves payment requests on the fund’s page.',
  fundPage: 'Open the fund’s approval page',
  notReserved: 'The awarded amount is reserved in a fund at the award.',
  requested: 'Payment requested, awaiting approval',
  reservedOnFund: 'Reserved for projects',
};
