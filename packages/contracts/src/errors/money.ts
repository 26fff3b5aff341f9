/** Error codes of money for community projects (issue 16 step 8): fund reservations and instalments. */
export const MONEY_ERRORS = {
  FUND_RESERVATION_EXCEEDS: { status: 422, 'zh-CN': '预留金额超过基金可用余额（可用 {free} 元）', en: 'The reservation is more than the fund’s free balance (¥{free} free)' },
  FUND_RESERVATION_NOT_FOUND: { status: 404, 'zh-CN': '找不到该资金预留', en: 'Reservation not found' },
  FUND_RESERVATION_RELEASED: { status: 409, 'zh-CN': '该资金预留已释放', en: 'This reservation has been released' },
  FUND_RESERVATION_PENDING: { status: 409, 'zh-CN': '该预留还有待审批的支出，请先审批或退回', en: 'An expense against this reservation is still pending: approve or refuse it first' },
  FUND_RESERVATION_OVERSPENT: { status: 422, 'zh-CN': '超出预留金额：预留 {reserved} 元，已支付 {spent} 元，待审批 {pending} 元', en: 'Over the reservation: ¥{reserved} reserved, ¥{spent} paid, ¥{pending} pending' },
  FUND_MONEY_RESERVED: { status: 422, 'zh-CN': '基金可用余额不足：可用 {free} 元（另有 {reserved} 元已为项目预留），本次 {amount} 元', en: 'Not enough free money: ¥{free} free (¥{reserved} is reserved for projects), ¥{amount} asked' },
  PROJECT_MONEY_NO_AWARD: { status: 409, 'zh-CN': '项目尚未确定中标金额和支付基金', en: 'The project has no awarded amount and paying fund yet' },
  PROJECT_MONEY_FUND_INVALID: { status: 422, 'zh-CN': '项目只能由本社区（或上级）的保障资金、慈善基金或发展基金支付', en: 'A project is paid from a protection, charity or development fund of its community or above' },
  PROJECT_MONEY_ALREADY_RESERVED: { status: 409, 'zh-CN': '该项目的资金已经预留', en: 'This project’s money is already reserved' },
  PROJECT_MONEY_NOT_RESERVED: { status: 409, 'zh-CN': '该项目的资金尚未预留或已释放', en: 'This project’s money is not reserved (or was released)' },
  PROJECT_INSTALMENT_UNKNOWN: { status: 422, 'zh-CN': '付款计划中没有第 {k} 期', en: 'The plan has no instalment {k}' },
  PROJECT_INSTALMENT_NOT_YET: { status: 409, 'zh-CN': '第 {k} 期须在{when}后申请', en: 'Instalment {k} can be requested only {whenEn}' },
  PROJECT_INSTALMENT_TAKEN: { status: 409, 'zh-CN': '第 {k} 期已申请或已支付', en: 'Instalment {k} is already requested or paid' },
  PROJECT_PAID_OVER_AWARD: { status: 422, 'zh-CN': '支付总额不能超过中标金额 {awarded} 元（已支付 {paid} 元）', en: 'Payments cannot exceed the awarded ¥{awarded} (¥{paid} paid)' },
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;
