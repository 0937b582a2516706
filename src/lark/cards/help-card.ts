// The help card: what a person can write to the bot (grows with each feature).
import { button, card, escapeMarkdown as esc, markdown, note, type Card } from './kit.ts';

interface Command {
  words: string;
  does: string;
}

/** Commands that work today; each feature adds its own line here. */
const COMMANDS: Command[] = [
  { words: '帮助 / help', does: '查看本说明' },
  { words: '待办 / todo', does: '今天的待办（含投诉、整改、员工意见），每项一个按钮；其余在「查看本周」' },
  { words: '日报、周报、月计划、夜查、巡查、拜访', does: '直接打开对应表单（其他表单也可直接发名称，如「宣传栏更换」）' },
  { words: '投诉', does: '登记业主投诉，跟进方案、整改、回访直至结案' },
  { words: '投诉 12', does: '按编号获取该投诉的最新卡片和下一步（卡片 14 天后失效）' },
  { words: '突发事件', does: '立即上报分管领导和品质管理中心，24 小时内补填处理记录' },
  { words: '员工意见', does: '登记员工意见和答复期限' },
  { words: '交办任务', does: '总经理、行政管理部或分管领导登记交办给服务中心的任务，经理须在 24 小时内备案' },
  {
    words: '我的积分 / score',
    does: '本月（每月前 7 天为上月）罚款、扣分、按时率和每一条的原因；可加时间，如「上月积分」「我的积分 2026-11」「我的积分 第48周」',
  },
  { words: '团队 / team', does: '分管领导查看所分管经理今天和本周的情况（可加时间，如「团队 上月」），点「明细」可豁免罚款或扣分' },
  { words: '积分 姓名', does: '分管领导或行政管理部查看某人的积分，如「积分 张伟 上月」' },
  { words: '今日逾期', does: '行政管理部查看今天逾期的人员' },
  { words: '联合检查、扣分', does: '品质管理中心安排联合检查、记录扣分和底线问题' },
  { words: '设置', does: '修改每日早报卡片的推送时间' },
  { words: '请假', does: '分管领导或行政管理部为人员登记请假，期间待办暂停' },
];

export function helpCard(name?: string): Card {
  const lines = COMMANDS.map((c) => `- **${c.words}**：${c.does}`).join('\n');
  return card({
    title: '物服管家 · 使用说明',
    color: 'blue',
    summary: '物服管家使用说明',
    elements: [
      markdown(
        `${name ? `${esc(name)}，您好！` : '您好！'}我是物服管家，会在截止前提醒您提交日报、周报等工作，并在卡片里直接填报。\n\n可以对我说：\n${lines}`,
      ),
      button({ name: 'open_settings', text: '设置', value: { a: 'settings.open' } }),
      note('指令不区分全角半角和空格。'),
    ],
  });
}
