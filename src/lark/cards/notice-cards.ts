// Cards for the company's admins about the bot itself: a message that could not be delivered.
import { card, escapeMarkdown as esc, markdown, note, type Card } from './kit.ts';

const REASONS: Record<number, string> = {
  230002: '机器人不在该群中，请把物服管家加入群聊',
  230013: '对方不在机器人的可用范围内，请在开发者后台调整可用范围',
  230034: '接收人 ID 无效，请检查组织名单里的 open_id',
  230053: '对方已停用机器人',
  230029: '对方已离职',
  230099: '卡片内容无效',
  230025: '消息内容超出长度限制',
};

export function deliveryFailedCard(p: { recipient: string; what: string; code: number | null; detail: string }): Card {
  const reason = (p.code !== null && REASONS[p.code]) || `飞书返回错误${p.code !== null ? ` ${p.code}` : ''}`;
  return card({
    title: '消息未能送达',
    color: 'orange',
    summary: '物服管家：有消息未能送达',
    elements: [
      markdown(`发给 **${esc(p.recipient)}** 的「${esc(p.what)}」未能送达。\n原因：${reason}。`),
      note(`详情：${esc(p.detail.slice(0, 200))}。同一接收人同一原因每天只提醒一次。`),
    ],
  });
}
