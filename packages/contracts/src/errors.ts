/**
 * Stable error codes: the one list the API throws and the web understands.
 * Each code has its HTTP status and a message in every supported language; `{name}` placeholders are
 * filled from the error's params.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, 'zh-CN': '提交的内容不符合要求', en: 'The submitted data is not valid' },
  BAD_REQUEST: { status: 400, 'zh-CN': '请求格式有误', en: 'The request is malformed' },
  REQUEST_TIMEOUT: { status: 408, 'zh-CN': '请求超时，请重试', en: 'The request took too long to arrive; try again' },
  HEADERS_TOO_LARGE: { status: 431, 'zh-CN': '请求头过大', en: 'The request headers are too large' },
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
  AREA_INVALID: { status: 422, 'zh-CN': '面积不正确：应大于 0，最多两位小数', en: 'Invalid area: it must be more than 0, with at most two decimals' },
  ROLE_SCOPE_INVALID: { status: 422, 'zh-CN': '该角色需要绑定{kind}', en: 'This role must be bound to {kind}' },
  PASSWORD_WEAK: { status: 422, 'zh-CN': '密码至少 8 位，需同时包含字母和数字，且不能是常见密码', en: 'The password needs 8+ characters with letters and digits, and must not be a common password' },
  FILE_TOO_LARGE: { status: 413, 'zh-CN': '文件过大（上限 {limit}）', en: 'The file is too large (limit {limit})' },
  FILE_UNREADABLE: { status: 422, 'zh-CN': '无法读取文件：{reason}', en: 'The file cannot be read: {reason}' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, 'zh-CN': '不接受此类文件（按内容判断；可接受：{allowed}）', en: 'This kind of file is not accepted (judged by its content; accepted: {allowed})' },
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
  ALREADY_RATED: { status: 409, 'zh-CN': '您已经评价过这条诉求；如问题未解决，可在答复后 7 天内申请重新办理', en: 'You have already rated this request; if it is not solved, reopen it within 7 days of the reply' },
  NOT_REPORTER: { status: 403, 'zh-CN': '只有提出诉求的居民可以这样做', en: 'Only the resident who raised the request can do this' },
  DEPARTMENT_REQUIRED: { status: 422, 'zh-CN': '请选择承办部门或社区', en: 'Choose the department or community that handles it' },
  EXTENSION_ALREADY_PENDING: { status: 409, 'zh-CN': '已有一个延期申请等待审批', en: 'An extension request is already waiting for a decision' },
  EXTENSION_NOT_PENDING: { status: 409, 'zh-CN': '该延期申请已处理', en: 'This extension request was already decided' },
  PHOTO_NOT_IMAGE: { status: 422, 'zh-CN': '上传的文件不是图片', en: 'The file is not an image' },
  PHOTO_TOO_MANY_PIXELS: { status: 422, 'zh-CN': '图片尺寸过大（超过 {megapixels} 百万像素），请缩小后再上传', en: 'The picture is too large (over {megapixels} megapixels); shrink it and try again' },
  PHOTO_LIMIT: { status: 409, 'zh-CN': '每个诉求最多 {max} 张照片', en: 'At most {max} photos per request' },
  COUNCIL_NOT_FOUND: { status: 404, 'zh-CN': '找不到该议事会', en: 'Council not found' },
  COUNCIL_LEVEL_MISMATCH: { status: 422, 'zh-CN': '{kind}议事会应设在{level}', en: 'A {kind} council belongs to a {level}' },
  SEAT_NOT_FOUND: { status: 404, 'zh-CN': '找不到该席位', en: 'Seat not found' },
  SEAT_HOLDER_REQUIRED: { status: 422, 'zh-CN': '请选择席位的居民或单位，并填写姓名', en: 'Choose the resident or organisation holding the seat, with a name' },
  TERM_INVALID: { status: 422, 'zh-CN': '任期结束日期应晚于开始日期', en: 'The term must end after it starts' },
  SEAT_NOT_VACANT: { status: 409, 'zh-CN': '该席位未出缺，不能补选', en: 'The seat is not vacant; there is nothing to fill' },
  SEAT_ALREADY_VACANT: { status: 409, 'zh-CN': '该席位已出缺', en: 'The seat is already vacant' },
  SEAT_HOLDER_SEATED: { status: 409, 'zh-CN': '此人（单位）在本议事会已有席位：一人一席、一人一票', en: 'This person or organisation already holds a seat on this council: one member, one seat, one vote' },
  SEAT_ALREADY_FILLED: { status: 409, 'zh-CN': '该出缺席位已经补选', en: 'This vacancy has already been filled by a by-election' },
  AGENDA_ITEM_NOT_FOUND: { status: 404, 'zh-CN': '找不到该议题', en: 'Agenda item not found' },
  AGENDA_ITEM_STATE: { status: 409, 'zh-CN': '该议题当前（{state}）不能这样处理', en: 'The agenda item is {state} and cannot be used this way' },
  REQUEST_NOT_SMALL: { status: 422, 'zh-CN': '只有分流为“小事”的诉求才能提交议事会', en: 'Only requests sorted as small matters can go to a council' },
  ALREADY_COSIGNED: { status: 409, 'zh-CN': '您已经联署过该提议', en: 'You have already co-signed this proposal' },
  NOT_IN_COUNCIL_AREA: { status: 403, 'zh-CN': '只有本议事会范围内的居民可以这样做', en: 'Only residents within the council’s area can do this' },
  MEETING_NOT_FOUND: { status: 404, 'zh-CN': '找不到该会议', en: 'Meeting not found' },
  NOTICE_TOO_SHORT: { status: 422, 'zh-CN': '会议须至少提前 {hours} 小时通知，最早可定于 {earliest}', en: 'A meeting must be noticed at least {hours} hours ahead: the earliest start is {earliest}' },
  MEETING_CLOSED: { status: 409, 'zh-CN': '会议已结束', en: 'The meeting has ended' },
  MEETING_NOT_CLOSED: { status: 409, 'zh-CN': '会议结束后才能这样做', en: 'This can be done once the meeting has ended' },
  MOTIONS_STILL_OPEN: { status: 409, 'zh-CN': '还有未结束表决的动议', en: 'Some motions are still being voted on' },
  NOT_COUNCIL_MEMBER: { status: 403, 'zh-CN': '不是本议事会的在任成员', en: 'Not a sitting member of this council' },
  MEMBER_NOT_PRESENT: { status: 409, 'zh-CN': '该成员未签到，不能表决', en: 'The member has not signed in and cannot vote' },
  QUORUM_NOT_MET: { status: 409, 'zh-CN': '签到人数未达到法定人数（还差 {short} 人），不能作出决定', en: 'No quorum ({short} more members must sign in); the meeting cannot decide' },
  MOTION_NOT_FOUND: { status: 404, 'zh-CN': '找不到该动议', en: 'Motion not found' },
  MOTION_CLOSED: { status: 409, 'zh-CN': '该动议的表决已结束', en: 'Voting on this motion has closed' },
  ALREADY_VOTED: { status: 409, 'zh-CN': '该成员已经表决过', en: 'This member has already voted' },
  MINUTES_APPROVED: { status: 409, 'zh-CN': '会议纪要已通过，不能再修改', en: 'The minutes are approved and can no longer change' },
  MINUTES_MISSING: { status: 409, 'zh-CN': '还没有会议纪要', en: 'There are no minutes yet' },
  RESOLUTION_NOT_FOUND: { status: 404, 'zh-CN': '找不到该决议', en: 'Resolution not found' },
  RESOLUTION_STATE: { status: 409, 'zh-CN': '该决议当前（{state}）不能这样处理', en: 'The resolution is {state} and cannot be used this way' },
  OBJECTION_WINDOW_CLOSED: { status: 409, 'zh-CN': '公示期已结束，不能再提出异议', en: 'The public notice period is over; objections are closed' },
  OBJECTION_NOT_FOUND: { status: 404, 'zh-CN': '找不到该异议', en: 'Objection not found' },
  OBJECTION_ANSWERED: { status: 409, 'zh-CN': '该异议已经答复', en: 'This objection has already been answered' },
  ASSEMBLY_NOT_FOUND: { status: 404, 'zh-CN': '找不到该业主大会', en: 'Owners’ assembly not found' },
  ASSEMBLY_NOTICE_TOO_SHORT: { status: 422, 'zh-CN': '业主大会须至少提前 {days} 日公告（现为 {actual} 日）', en: 'An owners’ assembly must be noticed at least {days} days ahead (this is {actual})' },
  ASSEMBLY_WINDOW_INVALID: { status: 422, 'zh-CN': '投票截止时间应晚于开始时间，且在今后', en: 'Voting must close after it opens, and in the future' },
  ASSEMBLY_NOTICE_BACKDATED: { status: 422, 'zh-CN': '公告时间不能早于现在：公告期从在平台上公告之日起算', en: 'The notice cannot be dated in the past: the notice period runs from when it is posted here' },
  ASSEMBLY_NO_UNITS: { status: 422, 'zh-CN': '该小区没有登记房屋，不能召开业主大会', en: 'The compound has no registered units' },
  ASSEMBLY_UNIT_AREA_MISSING: { status: 409, 'zh-CN': '有 {count} 套房屋没有登记专有面积（如 {unit}），不能开始投票', en: '{count} units have no registered floor area (e.g. {unit}); voting cannot open' },
  ASSEMBLY_UNIT_OWNER_MISSING: { status: 409, 'zh-CN': '有 {count} 套房屋没有登记业主（如 {unit}），不能开始投票', en: '{count} units have no registered owner (e.g. {unit}); voting cannot open' },
  ASSEMBLY_STATE: { status: 409, 'zh-CN': '业主大会当前（{state}）不能这样处理', en: 'The assembly is {state} and cannot be used this way' },
  ASSEMBLY_NOT_YET_OPEN: { status: 409, 'zh-CN': '投票尚未开始（{opensAt} 开始）', en: 'Voting has not opened yet (opens {opensAt})' },
  ASSEMBLY_VOTING_CLOSED: { status: 409, 'zh-CN': '投票已截止', en: 'Voting has closed' },
  ASSEMBLY_STILL_VOTING: { status: 409, 'zh-CN': '投票期尚未结束（{closesAt} 截止）', en: 'Voting is still open until {closesAt}' },
  ASSEMBLY_NOT_OWNER: { status: 403, 'zh-CN': '您不是本小区业主名册上的业主，不能投票', en: 'You are not on this compound’s roll of owners and cannot vote' },
  ASSEMBLY_OWNER_NOT_FOUND: { status: 404, 'zh-CN': '业主名册中没有该业主', en: 'No such owner on the roll' },
  ASSEMBLY_ALREADY_VOTED: { status: 409, 'zh-CN': '该业主已经投过票，每位业主每项事项只能投一票', en: 'This owner has already voted; one ballot per owner per matter' },
  ASSEMBLY_BALLOT_INCOMPLETE: { status: 422, 'zh-CN': '请对每一项表决事项作出选择', en: 'Choose for, against or abstain on every matter' },
  ASSEMBLY_SCAN_REQUIRED: { status: 422, 'zh-CN': '纸质选票须上传扫描件（JPEG、PNG 或 PDF）', en: 'A paper ballot needs its scan (JPEG, PNG or PDF)' },
  ASSEMBLY_RESULTS_NOT_PUBLISHED: { status: 404, 'zh-CN': '表决结果尚未公布', en: 'The results have not been published yet' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, 'zh-CN': '相同的提交正在处理中', en: 'The same submission is still being processed' },
  IDEMPOTENCY_MISMATCH: { status: 422, 'zh-CN': '同一个幂等键被用于不同的请求', en: 'The idempotency key was used for a different request' },
  RATE_LIMITED: { status: 429, 'zh-CN': '操作太频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { status: 413, 'zh-CN': '提交的内容过大', en: 'The request body is too large' },
  // Funds and the ledger (社区基金, 保障资金, 信托制物业).
  FUND_NOT_FOUND: { status: 404, 'zh-CN': '找不到该基金', en: 'Fund not found' },
  FUND_ENTRY_NOT_FOUND: { status: 404, 'zh-CN': '找不到该账目', en: 'Ledger entry not found' },
  FUND_CODE_TAKEN: { status: 409, 'zh-CN': '基金代码 {code} 已被使用', en: 'Fund code {code} is already used' },
  FUND_KIND_MISMATCH: { status: 422, 'zh-CN': '该操作只适用于{kinds}', en: 'This operation is only for {kinds}' },
  FUND_AMOUNT_INVALID: { status: 422, 'zh-CN': '金额必须是大于零的整数分（不能为负数或有小数），单笔不超过 100 亿元', en: 'The amount must be a positive whole number of fen (no negatives or fractions), at most ¥10 billion an entry' },
  LEDGER_UNBALANCED: { status: 422, 'zh-CN': '借贷不平衡：分录合计 {sum} 分，应为零', en: 'Unbalanced transaction: postings sum to {sum} fen instead of zero' },
  FUND_INSUFFICIENT_BALANCE: { status: 409, 'zh-CN': '基金余额不足：余额 ¥{balance}，需要 ¥{amount}', en: 'Insufficient fund balance: ¥{balance} available, ¥{amount} needed' },
  FUND_SELF_APPROVAL: { status: 403, 'zh-CN': '经办人不能审批自己提交的支出，请由另一人审批', en: 'The preparer cannot approve their own expense; a second person must approve it' },
  FUND_ATTACHMENT_USED: { status: 409, 'zh-CN': '这张票据已用于另一笔支出，一张票据只能报销一次', en: 'This receipt already backs another expense; a receipt can be used once' },
  FUND_NEGATIVE_LIST: { status: 422, 'zh-CN': '保障资金不得用于负面清单事项：{reason}', en: 'The special protection fund cannot pay for items on its negative list: {reason}' },
  FUND_ATTACHMENT_REQUIRED: { status: 422, 'zh-CN': '支出须附发票或收据', en: 'An expense needs an attached receipt or invoice' },
  FUND_EXPENSE_NOT_PENDING: { status: 409, 'zh-CN': '该支出申请已处理', en: 'This expense has already been decided' },
  FUND_ALREADY_REVERSED: { status: 409, 'zh-CN': '该账目已被冲销，一笔账只能冲销一次', en: 'This entry has already been reversed; an entry can be reversed only once' },
  FUND_REVERSAL_OF_REVERSAL: { status: 409, 'zh-CN': '冲销记录不能再冲销，请登记新的账目', en: 'A reversal cannot itself be reversed; post a new entry instead' },
  LEDGER_ENTRY_POSTED: { status: 409, 'zh-CN': '已记账的分录不能修改或删除，请做冲销', en: 'A posted entry cannot be edited or deleted; reverse it instead' },
  FUND_TURNOVER_REPORTED: { status: 409, 'zh-CN': '{operator} {month} 的营业额已申报', en: 'Turnover of {operator} for {month} was already reported' },
  FUND_UNITS_MISSING_AREA: { status: 422, 'zh-CN': '有 {count} 套房屋未登记面积（如 {example}），不能按面积分红', en: '{count} units have no registered area (e.g. {example}); cannot divide by area' },
  FUND_NO_UNITS: { status: 422, 'zh-CN': '该小区没有登记房屋', en: 'The compound has no registered units' },
  FUND_BUDGET_EXISTS: { status: 409, 'zh-CN': '{year} 年预算已存在', en: 'The budget for {year} already exists' },
  FUND_BUDGET_RESOLUTION_INVALID: { status: 422, 'zh-CN': '预算依据须是本小区业主大会已公布结果并获通过的事项', en: 'The budget must rest on a passed matter of this compound\'s owners\' assembly whose results are published' },
  CONCURRENT_CHANGE: { status: 409, 'zh-CN': '同一内容刚被其他人同时修改，请刷新后再试', en: 'Someone else changed the same thing at the same moment; refresh and try again' },
  INTERNAL: { status: 500, 'zh-CN': '系统出错了，请稍后再试', en: 'Something went wrong; please try again later' },
  INSTRUCTION_NOT_FOUND: { status: 404, 'zh-CN': '找不到该指令', en: 'Instruction not found' },
  INSTRUCTION_TARGET_EMPTY: { status: 422, 'zh-CN': '所选范围内没有符合条件的住户，指令无法下发', en: 'No household matches the target; nothing to send' },
  INSTRUCTION_NO_WORKERS: { status: 422, 'zh-CN': '所选范围内没有微网格员账号，指令无人接收', en: 'No micro-grid worker covers the target; nobody would receive it' },
  INSTRUCTION_DEADLINE_PAST: { status: 422, 'zh-CN': '完成时限必须晚于现在', en: 'The deadline must be in the future' },
  INSTRUCTION_QUESTION_MISSING: { status: 422, 'zh-CN': '“逐户收集答复”须填写要收集的问题', en: 'A collect-an-answer instruction needs the question to ask' },
  INSTRUCTION_CLOSED: { status: 409, 'zh-CN': '该指令已结束', en: 'The instruction is closed' },
  INSTRUCTION_NOT_ASSIGNED: { status: 404, 'zh-CN': '您不是该指令的接收人', en: 'This instruction was not sent to you' },
  INSTRUCTION_HOUSEHOLD_OUTSIDE: { status: 422, 'zh-CN': '该住户不在本指令的范围内，或不在您负责的微网格内', en: 'This household is not in this instruction’s target, or not in your micro-grid' },
  INSTRUCTION_LINK_INVALID: { status: 404, 'zh-CN': '链接无效或已过期', en: 'The link is invalid or has expired' },
  INSTRUCTION_ANSWER_MISSING: { status: 422, 'zh-CN': '请填写答复内容', en: 'Please give the answer' },
  VISIT_HOUSEHOLD_OUTSIDE: { status: 422, 'zh-CN': '该住户不在您负责的网格内（或不存在），不能登记走访', en: 'This household is not in your grid (or does not exist); the visit cannot be recorded' },
  VISIT_RECORDED_DIFFERENTLY: { status: 409, 'zh-CN': '这次走访已经同步过，内容与这次提交的不同；已保存的记录保持不变，如需更正请重新记一次走访', en: 'This visit was already synced with different content; the stored record is kept — record a new visit to correct it' },
  VISIT_ID_REUSED: { status: 409, 'zh-CN': '该走访编号已用于另一条走访记录', en: 'This visit id already belongs to a different visit' },
  VISIT_TIME_INVALID: { status: 422, 'zh-CN': '走访时间不能晚于现在，也不能早于 30 天前', en: 'The visit time cannot be in the future or more than 30 days ago' },
  VISIT_CHANGE_EMPTY: { status: 422, 'zh-CN': '提出的住户信息变更没有任何内容', en: 'The proposed change to the household changes nothing' },
  VISIT_CHANGE_MEMBER_UNKNOWN: { status: 422, 'zh-CN': '变更中的居民不属于该住户', en: 'A resident in the change does not belong to this household' },
  VISIT_CHANGE_NOT_FOUND: { status: 404, 'zh-CN': '找不到该变更申请', en: 'Proposed change not found' },
  VISIT_CHANGE_DECIDED: { status: 409, 'zh-CN': '该变更申请已处理', en: 'This proposed change has already been decided' },
  VISIT_CHANGE_CONFLICT: { status: 409, 'zh-CN': '住户信息在此变更提出后已被修改，请对照当前信息后再决定', en: 'The household record changed after this proposal was made; compare with the current record before deciding' },
  VISIT_RULE_INVALID: { status: 422, 'zh-CN': '走访规则不正确：{field}（{reason}）', en: 'Invalid visit rule: {field} ({reason})' },
  VISIT_RULE_NOT_COMMUNITY: { status: 422, 'zh-CN': '走访规则只能按社区设置', en: 'Visit rules are set per community' },
  // issue 14 · item 1 (region boundaries)
  REGION_OUTSIDE_PARENT: { status: 422, 'zh-CN': '边界超出了上级区域“{parent}”的范围（约 {outsideM2} 平方米在外）', en: 'The boundary reaches outside its parent region “{parent}” (about {outsideM2} m² outside)' },
  REGION_OVERLAPS_SIBLING: { status: 409, 'zh-CN': '边界与同级区域“{sibling}”（{code}）重叠约 {overlapM2} 平方米', en: 'The boundary overlaps the neighbouring region “{sibling}” ({code}) by about {overlapM2} m²' },
  REGION_CHILD_OUTSIDE: { status: 422, 'zh-CN': '缩小后的边界不再包含下级区域“{child}”（{code}，约 {outsideM2} 平方米在外），请先调整下级边界', en: 'The new boundary no longer contains the child region “{child}” ({code}; about {outsideM2} m² outside); change the child’s boundary first' },
  // issue 14 · items 10, 11 (privacy)
  INSTRUCTION_HOUSEHOLD_CONFIRMED: { status: 409, 'zh-CN': '该住户已通过个人链接自行确认，不能覆盖', en: 'This household confirmed through its personal link; a worker’s record cannot overwrite it' },
  UPLOAD_KEY_INVALID: { status: 400, 'zh-CN': '附件标识无效', en: 'The attachment key is not valid' },
  UPLOAD_NOT_YOURS: { status: 422, 'zh-CN': '附件不存在，或不是您为此用途上传的文件', en: 'The attachment does not exist, or was not uploaded by you for this purpose' },
  // issue 14 · items 7, 8, 9, 11 (funds)
  FUND_INVOICE_DUPLICATE: { status: 409, 'zh-CN': '这张票据（内容相同的文件）已用于 {fund} 的支出“{expense}”（{expenseId}），一张票据只能报销一次', en: 'This invoice (a file with the same content) already backs the expense "{expense}" ({expenseId}) of {fund}; an invoice can be used once' },
  FUND_BUDGET_RESOLUTION_KIND: { status: 422, 'zh-CN': '该事项的类型不能批准预算：须是“选聘物业服务企业或其他管理人”或“其他重大事项”', en: 'This kind of matter cannot approve a budget: it must be choosing the property manager, or another major matter' },
  FUND_BUDGET_RESOLUTION_YEAR: { status: 422, 'zh-CN': '该事项批准的不是 {year} 年的预算（事项须写明 {year} 年，且不晚于该年表决）', en: 'This matter did not approve the {year} budget (it must name {year} and have been voted no later than that year)' },
  FUND_BUDGET_RESOLUTION_USED: { status: 409, 'zh-CN': '该事项已作为另一份预算的依据，一项决议只能批准一份预算', en: 'This matter already backs another budget; a resolution approves one budget' },
  FUND_LEVY_ZERO: { status: 422, 'zh-CN': '营业额 ¥{turnover} 的 3% 提留按四舍五入为 ¥0.00，无需提留，未登记', en: 'The 3% levy on a turnover of ¥{turnover} rounds to ¥0.00; there is nothing to collect, so nothing was recorded' },
  LEDGER_DATE_INVALID: { status: 422, 'zh-CN': '日期不正确', en: 'The date is not valid' },
  LEDGER_DATE_FUTURE: { status: 422, 'zh-CN': '记账日期不能晚于今天（{today}，北京时间）', en: 'An entry cannot be dated after today ({today}, China time)' },
  LEDGER_DATE_TOO_OLD: { status: 422, 'zh-CN': '记账日期不能早于 {earliest}', en: 'An entry cannot be dated before {earliest}' },
  LEDGER_MONTH_NOT_ENDED: { status: 422, 'zh-CN': '{month} 还没有结束，不能结账', en: '{month} has not ended yet and cannot be closed' },
  LEDGER_MONTH_ALREADY_CLOSED: { status: 409, 'zh-CN': '{month} 已结账（已结账至 {closedThrough}）', en: '{month} is already closed (closed through {closedThrough})' },
  LEDGER_MONTH_CLOSED: { status: 409, 'zh-CN': '{month} 已结账，已结账月份的账目不能改变', en: '{month} is closed; a closed month never changes' },
  LEDGER_CLOSE_PENDING: { status: 409, 'zh-CN': '已有一项结账申请（{month}）待确认', en: 'A close ({month}) is already waiting for confirmation' },
  LEDGER_CLOSE_NOT_FOUND: { status: 404, 'zh-CN': '找不到待确认的结账申请', en: 'No close is waiting for confirmation' },
  FUND_PENDING_EXISTS: { status: 409, 'zh-CN': '该账目已有待审批的冲销申请', en: 'A reversal of this entry is already waiting for approval' },
  // issue 14 · item 3 (sign-up, password reset, account links)
  CODE_INVALID: { status: 422, 'zh-CN': '验证码不正确或已失效，请重新获取', en: 'The code is wrong or no longer valid; request a new one' },
  CODE_TOO_SOON: { status: 429, 'zh-CN': '验证码发送太频繁，请 {seconds} 秒后再试', en: 'Codes are sent too often; try again in {seconds} seconds' },
  CODE_LOCKED: { status: 423, 'zh-CN': '验证码错误次数过多，请 {minutes} 分钟后再试', en: 'Too many wrong codes; try again in {minutes} minutes' },
  PASSWORD_WRONG: { status: 422, 'zh-CN': '原密码不正确', en: 'The current password is wrong' },
  LINK_REQUEST_NOT_FOUND: { status: 404, 'zh-CN': '找不到该账号关联申请', en: 'Account link request not found' },
  LINK_REQUEST_DECIDED: { status: 409, 'zh-CN': '该关联申请已被处理', en: 'This link request has already been decided' },
  RESIDENT_ALREADY_LINKED: { status: 409, 'zh-CN': '该居民已关联其他账号，请先解除', en: 'This resident is already linked to another account; unlink it first' },
  ACCOUNT_ALREADY_LINKED: { status: 409, 'zh-CN': '该账号已关联居民信息', en: 'This account is already linked to a resident' },
  // issue 14 · items 2, 6, 7, 11 (councils, assembly)
  MEETING_NOT_STARTED: { status: 409, 'zh-CN': '会议尚未开始（通知的开始时间为 {startsAt}），开始前不能签到、提出动议、表决、起草纪要或结束', en: 'The meeting has not started yet (noticed for {startsAt}); no sign-in, motion, vote, minutes or close before then' },
  COUNCIL_VOTE_NOT_OWN: { status: 403, 'zh-CN': '成员须本人表决；工作人员只能按举手表决记录票数（并由另一名工作人员确认）', en: 'Members vote for themselves; staff may only record a show of hands (confirmed by a second staff member)' },
  SHOW_OF_HANDS_RECORDED: { status: 409, 'zh-CN': '该动议已按举手表决记录，不能再逐人表决', en: 'This motion is being decided by a show of hands; individual votes are closed' },
  SHOW_OF_HANDS_TOO_MANY: { status: 409, 'zh-CN': '举手票数（{hands}）加上已投票数（{cast}）超过到会成员数（{present}）', en: 'The hands counted ({hands}) plus the votes already cast ({cast}) exceed the members present ({present})' },
  SHOW_OF_HANDS_MISSING: { status: 409, 'zh-CN': '该动议还没有待确认的举手表决记录', en: 'There is no show of hands awaiting confirmation on this motion' },
  SHOW_OF_HANDS_SAME_PERSON: { status: 409, 'zh-CN': '举手表决记录须由另一名工作人员确认，记录人不能确认自己的记录', en: 'A show of hands must be confirmed by a second staff member, not by the one who recorded it' },
  SHOW_OF_HANDS_CONFIRMED: { status: 409, 'zh-CN': '该举手表决记录已经确认，不能更改', en: 'This show of hands has already been confirmed and cannot change' },
  SHOW_OF_HANDS_UNCONFIRMED: { status: 409, 'zh-CN': '举手表决记录尚待另一名工作人员确认，确认后才能结束表决', en: 'The show of hands awaits confirmation by a second staff member before the vote can close' },
  ASSEMBLY_CO_OWNER_VOTED: { status: 409, 'zh-CN': '本户已由共有人投票，每户只计一票', en: 'A co-owner has already cast this unit’s ballot; one ballot per owner' },
  ASSEMBLY_SCAN_INVALID: { status: 422, 'zh-CN': '扫描件无效：须为至少 {minPx}×{minPx} 像素的 JPEG/PNG 图片，或至少含一页的 PDF', en: 'The scan is not valid: it must be a JPEG/PNG image of at least {minPx}×{minPx} pixels, or a PDF with at least one page' },
  ASSEMBLY_PAPER_NOT_FOUND: { status: 404, 'zh-CN': '找不到该业主待核对的纸质选票', en: 'No paper ballot of this owner awaits checking' },
  ASSEMBLY_VERIFY_SELF: { status: 409, 'zh-CN': '纸质选票须由另一名工作人员（监票人）核对，录入人不能核对自己录入的选票', en: 'A paper ballot must be checked by a second staff member (the scrutineer), not by the one who entered it' },
  // issue 15 · items 1, 2, 6, 7, 15 (instructions, requests)
  CATEGORY_MATTER_MISMATCH: { status: 422, 'zh-CN': '类别“{category}”不属于所选的三事分类（{matter}），请重新选择类别', en: 'Category "{category}" does not belong to the chosen class ({matter}); choose a category again' },
  INSTRUCTION_UNCOVERED: { status: 409, 'zh-CN': '有 {count} 处无法送达（没有网格员、没有微网格或没有住户）；请先指派网格员，或确认知悉后再发送', en: '{count} parts of the target cannot be reached (no worker, no micro-grid or no households); assign a worker first, or acknowledge and send' },
  // issue 15 · items 5, 13 (inbox)
  INBOX_MESSAGE_NOT_FOUND: { status: 404, 'zh-CN': '找不到该消息', en: 'Message not found' },
  // probe fixes (funds)
  FUND_BUDGET_REF_USED: { status: 409, 'zh-CN': '决议“{ref}”已作为本基金另一份预算的依据，一项决议只能批准一份预算', en: 'Resolution "{ref}" already backs another budget of this fund; a resolution approves one budget' },
  FUND_BUDGET_APPROVED_ON_INVALID: { status: 422, 'zh-CN': '{year} 年预算的批准日期须是不晚于今天（{today}）且不晚于 {year}-12-31 的有效日期', en: 'The approval date of the {year} budget must be a real day no later than today ({today}) and no later than {year}-12-31' },
  LEDGER_REPORT_MONTH_NOT_ENDED: { status: 422, 'zh-CN': '{month} 还没有结束（今天是 {today}，北京时间），月度营业额须在该月结束后申报', en: '{month} has not ended (today is {today}, China time); a month\'s turnover is reported after the month ends' },
  FUND_SELF_DECISION: { status: 403, 'zh-CN': '{what}由您提出，不能由您本人审批或确认，请由另一人处理', en: 'You proposed this {what}; a second person must approve or confirm it' },
  // probe fixes (erasure)
  RESIDENT_ERASED: { status: 409, 'zh-CN': '该居民已注销（个人信息已删除），其登记信息只读，不能再修改、关联、任席、签到、登记为业主或代为投票', en: 'This resident has been erased (personal data deleted); the entry is read-only and cannot be changed, linked, seated, signed in, made an owner or voted for' },
  ACCOUNT_ERASED: { status: 409, 'zh-CN': '该账号已注销或停用，其关联申请不能再批准', en: 'This account has been erased or disabled; its link request can no longer be approved' },
  // probe fixes (text)
  ASSEMBLY_SCAN_REUSED: { status: 409, 'zh-CN': '该扫描件已作为另一位业主的纸质选票录入，每张选票须有自己的扫描件', en: 'This scan was already entered as another owner’s paper ballot; each ballot needs its own scan' },
  MINUTES_APPROVE_SELF: { status: 409, 'zh-CN': '会议纪要须由起草人以外的另一人审定，起草人不能审定自己起草的版本', en: 'The minutes must be approved by someone other than the person who drafted this version' },
  UNIT_OWNER_EXISTS: { status: 409, 'zh-CN': '该居民已是这套房屋的业主', en: 'This resident is already an owner of this unit' },
  // probe fixes (org)
  MULTIPART_INVALID: { status: 400, 'zh-CN': '上传的表单数据格式有误或不完整，请重新上传', en: 'The uploaded form data is malformed or incomplete; upload again' },
  UPLOAD_ONE_FILE: { status: 400, 'zh-CN': '一次只能上传一个文件', en: 'Upload one file at a time' },
  REGION_HAS_LEDGER: { status: 409, 'zh-CN': '“{region}”及其下级区域已有资金台账记录；台账记录不可更改，记账时的区域不能改变，因此不能移动该区域', en: '“{region}” or a region under it has fund ledger entries; ledger entries never change, including the region they were booked under, so the region cannot be moved' },
  REGION_OVERLAPS_REGION: { status: 409, 'zh-CN': '边界与区域“{other}”（{code}）重叠约 {overlapM2} 平方米，该区域既不是它的上级也不是它的下级', en: 'The boundary overlaps the region “{other}” ({code}) by about {overlapM2} m², which is neither above nor below it' },
  // probe 2 (flow)
  LINK_OUTSIDE_COMMUNITY: { status: 422, 'zh-CN': '该关联申请选择的是另一个社区，只能关联到该社区内的居民登记或该社区内的住户', en: 'This link request chose another community; it can be approved only onto a register entry or household inside that community' },
  LEDGER_MONTH_BEFORE_LEDGER: { status: 422, 'zh-CN': '{month} 早于该资金台账的起始月份（{firstMonth}），不能结账', en: '{month} is before this fund\'s ledger begins ({firstMonth}) and cannot be closed' },
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERRORS;

/** Languages the platform speaks; zh-CN is the default. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The message for `code` in `lang`, with `{name}` placeholders filled from `params`. */
export function errorMessage(code: ErrorCode, lang: Language, params: Record<string, unknown> = {}): string {
  return ERRORS[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    // A parameter may itself be worded per language: { 'zh-CN': '…', en: '…' }.
    if (v && typeof v === 'object' && lang in v) return String((v as Record<string, unknown>)[lang]);
    return String(v ?? '');
  });
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
