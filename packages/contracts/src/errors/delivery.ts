/** Error codes of community projects' delivery: progress, inspections, acceptance, ratings (issue 16 steps 5–7). */
export const DELIVERY_ERRORS = {
  PROJECT_MILESTONE_WEIGHTS: { status: 422, 'zh-CN': '各节点权重之和须为 100', en: 'The milestones’ weights must sum to 100' },
  PROJECT_MILESTONES_FIXED: { status: 409, 'zh-CN': '已有进度记录，节点不能再修改', en: 'Progress has been recorded: the milestones can no longer change' },
  PROJECT_MILESTONE_UNKNOWN: { status: 422, 'zh-CN': '没有这个项目节点', en: 'No such milestone on this project' },
  PROJECT_NOT_IMPLEMENTER: { status: 403, 'zh-CN': '只有项目实施方可以进行此操作', en: 'Only the project’s implementer may do this' },
  PROJECT_NOT_SUPERVISOR: { status: 403, 'zh-CN': '只有监督委员或社区工作人员可以记录检查', en: 'Only supervisors or community staff record inspections' },
  PROJECT_PHOTO_NOT_IMAGE: { status: 422, 'zh-CN': '请上传图片（JPEG、PNG、WebP、HEIC 等）', en: 'Upload an image (JPEG, PNG, WebP, HEIC…)' },
  PROJECT_CONCERN_UNKNOWN: { status: 404, 'zh-CN': '找不到该检查意见', en: 'Inspection not found' },
  PROJECT_CONCERN_ANSWERED: { status: 409, 'zh-CN': '该问题已经答复', en: 'This concern has been answered already' },
  PROJECT_OPEN_CONCERNS: { status: 409, 'zh-CN': '还有 {count} 条监督意见未答复，不能验收', en: '{count} concerns are still unanswered: acceptance must wait' },
  PROJECT_NO_NEW_PROGRESS: { status: 409, 'zh-CN': '整改后须先提交新的进度，才能再次验收', en: 'Post progress on the rectification before a new acceptance' },
  PROJECT_PANEL_OPEN: { status: 409, 'zh-CN': '验收评审小组尚未结束评分', en: 'The acceptance panel has not closed yet' },
  PROJECT_ALREADY_RATED: { status: 409, 'zh-CN': '您已经评价过该项目', en: 'You have already rated this project' },
  PROJECT_RATING_CLOSED: { status: 409, 'zh-CN': '当前不在评价期内', en: 'The rating window is not open' },
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;
