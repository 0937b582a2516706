// The welcome card a person gets the first time they open the chat with the bot.
import { card, escapeMarkdown as esc, markdown, note, type Card } from './kit.ts';

const ROLE_NAMES: Record<string, string> = {
  manager: '物业服务中心经理',
  supervisor: '主管',
  leader: '分管领导',
  quality: '品质管理中心',
  admin: '行政管理部',
  customer_service: '客服中心',
  general_manager: '总经理',
};

export function welcomeCard(p: { name: string; roles: string[]; centers: string[] }): Card {
  const roles = p.roles.map((r) => ROLE_NAMES[r] ?? r).join('、');
  const where = p.centers.length ? `（${esc(p.centers.join('、'))}）` : '';
  return card({
    title: '欢迎使用物服管家',
    color: 'turquoise',
    summary: '欢迎使用物服管家',
    elements: [
      markdown(
        `${esc(p.name)}，您好！您的身份是 **${roles}**${where}。\n\n我会在每项工作截止前提醒您，您可以直接在提醒卡片里填报，逾期和积分都会如实记录。`,
      ),
      note('发送「帮助」查看可用指令。'),
    ],
  });
}

export function strangerText(): { text: string } {
  return { text: '您好！您不在公司的组织名单中，暂时无法使用物服管家。如需开通，请联系行政管理部。' };
}

export function groupGreetingCard(chatName?: string): Card {
  return card({
    title: '物服管家已加入本群',
    color: 'turquoise',
    elements: [
      markdown(
        `大家好！我是物服管家${chatName ? `，已加入「${esc(chatName)}」` : ''}。群内成绩公示和通知会发在这里；@我并发送「帮助」可查看用法。`,
      ),
    ],
  });
}
