import type { Messages } from '../../i18n/types.ts';

/** The inbox (消息): the bell, the list, and the resident home's card. Plain words for older residents. */
export const zh = {
  bell: '消息',
  bellCount: '消息，{{count}} 条未读',
  title: '我的消息',
  unreadOnly: '{{count}} 条未读',
  allRead: '全部已读',
  allReadConfirm: '把所有消息标为已读？',
  allReadDone: '已全部标为已读',
  empty: '还没有消息。诉求有进展、会议通知等都会出现在这里。',
  more: '加载更多',
  unread: '未读',
  noLink: '这条消息没有可打开的页面',
  homeCard: '我的消息',
  homeCardUnread: '有 {{count}} 条新消息，点这里查看',
  homeCardNone: '没有新消息',
  home: {
    vote: '业主大会正在表决：{{title}}',
    voteHint: '您是业主，请在 {{date}} 前投票',
    rate: '诉求 {{number}} 已答复',
    rateHint: '请看看答复，给办理打个分',
  },
};

export const en: Messages<typeof zh> = {
  bell: 'Messages',
  bellCount: 'Messages, {{count}} unread',
  title: 'My messages',
  unreadOnly: '{{count}} unread',
  allRead: 'Mark all read',
  allReadConfirm: 'Mark every message as read?',
  allReadDone: 'All messages marked read',
  empty: 'No messages yet. News about your requests, meeting notices and the like appear here.',
  more: 'Load more',
  unread: 'Unread',
  noLink: 'There is no page to open for this message',
  homeCard: 'My messages',
  homeCardUnread: '{{count}} new — tap to read',
  homeCardNone: 'No new messages',
  home: {
    vote: 'Owners’ assembly voting now: {{title}}',
    voteHint: 'You are an owner — please vote by {{date}}',
    rate: 'Request {{number}} was answered',
    rateHint: 'Read the answer and rate how it was handled',
  },
};
