// The card `steward lark check` sends to an admin: proof that the bot can write to people, nothing to answer.
import { instantText } from './format.ts';
import { card, markdown, note, type Card } from './kit.ts';

export function connectionTestCard(p: { sentAt: Date }): Card {
  return card({
    title: '物服管家连接测试',
    color: 'green',
    summary: '物服管家连接测试',
    elements: [
      markdown('物服管家连接测试：收到这张卡片说明机器人可以给您发消息。'),
      note(`发送时间：${instantText(p.sentAt)}（北京时间）。本消息由管理员运行连接检查时发出，无需回复。`),
    ],
  });
}
