/**
 * Stable error codes: the one list the API throws and the web understands.
 * Each code has its HTTP status and a message in every supported language; `{name}` placeholders are
 * filled from the error's params.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, 'zh-CN': '提交的内容不符合要求', en: 'The submitted data is not valid' },
  BAD_REQUEST: { status: 400, 'zh-CN': '请求格式有误', en: 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, 'zh-CN': '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, 'zh-CN': '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { status: 401, 'zh-CN': '手机号或密码不正确', en: 'Wrong phone number or password' },
  ACCOUNT_LOCKED: { status: 423, 'zh-CN': '登录失败次数过多，账号已临时锁定，请 {minutes} 分钟后再试', en: 'Too many failed sign-ins; the account is locked for {minutes} minutes' },
  ACCOUNT_DISABLED: { status: 403, 'zh-CN': '账号已停用', en: 'This account is disabled' },
  CSRF_INVALID: { status: 403, 'zh-CN': '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  FORBIDDEN: { status: 403, 'zh-CN': '您没有权限进行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, 'zh-CN': '找不到该内容', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, 'zh-CN': '接口不存在', en: 'No such endpoint' },
  REGION_NOT_FOUND: { status: 404, 'zh-CN': '找不到该区域', en: 'Region not found' },
  BUILDING_NOT_FOUND: { status: 404, 'zh-CN': '找不到该楼栋', en: 'Building not found' },
  UNIT_NOT_FOUND: { status: 404, 'zh-CN': '找不到该房屋', en: 'Unit not found' },
  HOUSEHOLD_NOT_FOUND: { status: 404, 'zh-CN': '找不到该住户', en: 'Household not found' },
  RESIDENT_NOT_FOUND: { status: 404, 'zh-CN': '找不到该居民', en: 'Resident not found' },
  USER_NOT_FOUND: { status: 404, 'zh-CN': '找不到该用户', en: 'User not found' },
  ORGANISATION_NOT_FOUND: { status: 404, 'zh-CN': '找不到该组织', en: 'Organisation not found' },
  IMPORT_NOT_FOUND: { status: 404, 'zh-CN': '找不到该导入批次，可能已过期', en: 'Import not found; it may have expired' },
  REGION_CODE_INVALID: { status: 422, 'zh-CN': '区划代码不正确：{reason}', en: 'Invalid region code: {reason}' },
  REGION_CODE_TAKEN: { status: 409, 'zh-CN': '同一上级下已有代码 {code}', en: 'Code {code} is already used under this parent' },
  REGION_LEVEL_INVALID: { status: 422, 'zh-CN': '该层级不能设在此上级之下', en: 'This level cannot sit under that parent' },
  REGION_MOVE_CYCLE: { status: 422, 'zh-CN': '不能把区域移动到它自己或它的下级之下', en: 'A region cannot move under itself or its descendants' },
  REGION_NOT_EMPTY: { status: 409, 'zh-CN': '该区域下仍有在用的下级或住户，不能撤销', en: 'The region still has active children or households' },
  REGION_RETIRED: { status: 409, 'zh-CN': '该区域已撤销', en: 'The region is retired' },
  BOUNDARY_INVALID: { status: 422, 'zh-CN': '边界不是有效的 GeoJSON 多边形：{reason}', en: 'The boundary is not a valid GeoJSON polygon: {reason}' },
  LOCATION_INVALID: { status: 422, 'zh-CN': '经纬度不正确', en: 'Invalid latitude/longitude' },
  ID_NUMBER_INVALID: { status: 422, 'zh-CN': '身份证号不正确（{reason}）', en: 'Invalid resident ID number ({reason})' },
  ID_NUMBER_DUPLICATE: { status: 409, 'zh-CN': '该身份证号已登记', en: 'This ID number is already registered' },
  PHONE_INVALID: { status: 422, 'zh-CN': '手机号不正确', en: 'Invalid mobile phone number' },
  PHONE_TAKEN: { status: 409, 'zh-CN': '该手机号已被其他账号使用', en: 'This phone number belongs to another account' },
  AREA_INVALID: { status: 422, 'zh-CN': '面积不正确，最多两位小数', en: 'Invalid area; at most two decimals' },
  ROLE_SCOPE_INVALID: { status: 422, 'zh-CN': '该角色需要绑定{kind}', en: 'This role must be bound to {kind}' },
  PASSWORD_WEAK: { status: 422, 'zh-CN': '密码至少 8 位，且需同时包含字母和数字', en: 'The password needs 8+ characters with letters and digits' },
  FILE_TOO_LARGE: { status: 413, 'zh-CN': '文件过大（上限 {limit}）', en: 'The file is too large (limit {limit})' },
  FILE_UNREADABLE: { status: 422, 'zh-CN': '无法读取文件：{reason}', en: 'The file cannot be read: {reason}' },
  IMPORT_HAS_ERRORS: { status: 422, 'zh-CN': '还有 {count} 行有错误，请修正后重新上传', en: '{count} rows still have errors; fix them and upload again' },
  IMPORT_ALREADY_DONE: { status: 409, 'zh-CN': '该批次已经导入', en: 'This import has already been committed' },
  // Row-level problems in an import file (reported in the preview, by row).
  IMPORT_FIELD_REQUIRED: { status: 422, 'zh-CN': '必填项为空', en: 'Required value is empty' },
  IMPORT_FIELD_TOO_LONG: { status: 422, 'zh-CN': '内容过长', en: 'Value is too long' },
  IMPORT_DUPLICATE_IN_FILE: { status: 422, 'zh-CN': '与第 {other} 行的身份证号重复', en: 'Same ID number as row {other}' },
  IMPORT_UNKNOWN_TAG: { status: 422, 'zh-CN': '未知标签：{tag}', en: 'Unknown tag: {tag}' },
  IMPORT_BAD_RELATION: { status: 422, 'zh-CN': '与户主关系应为：{allowed}', en: 'Relation must be one of: {allowed}' },
  IMPORT_BAD_TENURE: { status: 422, 'zh-CN': '居住类型应为 自有、租住 或 其他', en: 'Tenure must be 自有 (owner), 租住 (tenant) or 其他 (other)' },
  IMPORT_NO_HEAD: { status: 422, 'zh-CN': '户号 {household} 没有户主，或有多名户主', en: 'Household {household} must have exactly one head (户主)' },
  IMPORT_ADDRESS_MISMATCH: { status: 422, 'zh-CN': '同一户号的地址或网格不一致', en: 'Rows of one household disagree on address or grid' },
  IMPORT_REGION_INVALID: { status: 422, 'zh-CN': '网格编码不在所选区域内，或不是网格/微网格', en: 'The grid code is not a grid or micro-grid inside the chosen region' },
  REQUEST_NOT_FOUND: { status: 404, 'zh-CN': '找不到该诉求', en: 'Request not found' },
  CATEGORY_NOT_FOUND: { status: 404, 'zh-CN': '找不到该事项类别', en: 'Category not found' },
  CATEGORY_UNKNOWN: { status: 422, 'zh-CN': '没有这个事项类别：{code}', en: 'No such category: {code}' },
  CATEGORY_FIELD_REQUIRED: { status: 422, 'zh-CN': '该类别需要填写：{field}', en: 'This category needs: {field}' },
  LOCATION_OUTSIDE: { status: 422, 'zh-CN': '该位置不在任何网格内，请改填地址或选择网格', en: 'That point is outside every grid; give an address or choose a grid' },
  LOCATION_REQUIRED: { status: 422, 'zh-CN': '请提供位置：地图上的点、地址或网格', en: 'Give a location: a map point, an address or a grid' },
  TRANSITION_FORBIDDEN: { status: 409, 'zh-CN': '当前状态（{state}）不能进行“{event}”', en: 'Cannot {event} a request that is {state}' },
  REASON_REQUIRED: { status: 422, 'zh-CN': '请填写原因', en: 'A reason is required' },
  REOPEN_WINDOW_PASSED: { status: 409, 'zh-CN': '答复已超过 7 天，不能再重新打开，请提交新的诉求', en: 'More than 7 days since the reply; please submit a new request' },
  RATING_NOT_ALLOWED: { status: 409, 'zh-CN': '诉求答复后才能评价', en: 'A request can be rated once it has been replied to' },
  NOT_REPORTER: { status: 403, 'zh-CN': '只有提出诉求的居民可以这样做', en: 'Only the resident who raised the request can do this' },
  DEPARTMENT_REQUIRED: { status: 422, 'zh-CN': '请选择承办部门或社区', en: 'Choose the department or community that handles it' },
  EXTENSION_ALREADY_PENDING: { status: 409, 'zh-CN': '已有一个延期申请等待审批', en: 'An extension request is already waiting for a decision' },
  EXTENSION_NOT_PENDING: { status: 409, 'zh-CN': '该延期申请已处理', en: 'This extension request was already decided' },
  PHOTO_NOT_IMAGE: { status: 422, 'zh-CN': '上传的文件不是图片', en: 'The file is not an image' },
  PHOTO_LIMIT: { status: 409, 'zh-CN': '每个诉求最多 {max} 张照片', en: 'At most {max} photos per request' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, 'zh-CN': '相同的提交正在处理中', en: 'The same submission is still being processed' },
  IDEMPOTENCY_MISMATCH: { status: 422, 'zh-CN': '同一个幂等键被用于不同的请求', en: 'The idempotency key was used for a different request' },
  RATE_LIMITED: { status: 429, 'zh-CN': '操作太频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, 'zh-CN': '提交的内容过大', en: 'The request body is too large' },
  INTERNAL: { status: 500, 'zh-CN': '系统出错了，请稍后再试', en: 'Something went wrong; please try again later' },
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERRORS;

/** Languages the platform speaks; zh-CN is the default. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The message for `code` in `lang`, with `{name}` placeholders filled from `params`. */
export function errorMessage(code: ErrorCode, lang: Language, params: Record<string, unknown> = {}): string {
  return ERRORS[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Picks the language from an Accept-Language header: English when it prefers en, else zh-CN. */
export function negotiateLanguage(header: string | undefined | null): Language {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...ps] = part.trim().split(';');
      const q = ps.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
