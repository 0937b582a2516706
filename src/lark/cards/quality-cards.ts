// Cards of the quality center's own work: joint inspections scheduled, deductions recorded, red lines.
import { card, escapeMarkdown as esc, markdown, note, type Card } from './kit.ts';

export const QUALITY_TEXT = {
  notQuality: '该功能由品质管理中心使用。',
  scheduled: '已安排',
  recorded: '已记录',
  noCenters: '暂无可选的服务中心。',
};

export function jointScheduledCard(p: { day: string; centers: string[] }): Card {
  return card({
    title: '联合检查 · 已安排',
    color: 'green',
    summary: '联合检查已安排',
    // a joint inspection of many centers: the names that fit, then the count
    elements: [markdown(`${p.day}：${esc(centersText(p.centers))}`), note('各服务中心经理已收到通知，当天需提交参加情况。')],
  });
}

const CENTER_NAMES = 100;
const centersText = (names: string[]) =>
  names.length > CENTER_NAMES ? `${names.slice(0, CENTER_NAMES).join('、')} 等 ${names.length} 个服务中心` : names.join('、');

export function jointNoticeCard(p: { day: string; by: string }): Card {
  return card({
    title: '品质联合检查通知',
    color: 'indigo',
    summary: `${p.day} 联合检查`,
    elements: [
      markdown(
        `品质管理中心（${esc(p.by)}）安排于 **${p.day}** 对本服务中心进行联合检查，请届时参加，并在当天 18:00 前提交参加情况。缺席按规定扣 3 分。`,
      ),
    ],
  });
}

export function deductionRecordedCard(p: {
  center: string;
  manager: string;
  item: string;
  count: number;
  points: number;
  redline: boolean;
}): Card {
  return card({
    title: p.redline ? '底线问题 · 已记录' : '扣分 · 已记录',
    color: p.redline ? 'red' : 'green',
    summary: '扣分已记录',
    elements: [
      markdown(
        `${esc(p.center)}（经理 ${esc(p.manager)}）：${esc(p.item)}${p.count > 1 ? ` ${p.count} 次` : ''}${p.redline ? '，已立即上报分管领导和行政管理部' : `，共 ${p.points} 分`}`,
      ),
    ],
  });
}

export function deductionNoticeCard(p: {
  item: string;
  count: number;
  points: number;
  day: string;
  note: string | null;
  redline: boolean;
}): Card {
  return card({
    title: p.redline ? '底线问题' : '品质扣分通知',
    color: p.redline ? 'red' : 'orange',
    summary: p.redline ? '底线问题' : `扣 ${p.points} 分`,
    elements: [
      markdown(
        p.redline
          ? `品质管理中心在 ${p.day} 发现底线问题：**${esc(p.item)}**。按规定需立即处理。${p.note ? `\n说明：${esc(p.note)}` : ''}`
          : `品质管理中心在 ${p.day} 记录：**${esc(p.item)}**${p.count > 1 ? ` ${p.count} 次` : ''}，扣 **${p.points}** 分（服务中心经理负连带责任）。${p.note ? `\n说明：${esc(p.note)}` : ''}`,
      ),
    ],
  });
}

export function redlineEscalationCard(p: { center: string; manager: string; item: string; day: string; note: string | null }): Card {
  return card({
    title: '紧急：底线问题',
    color: 'red',
    summary: `底线问题：${p.center}`,
    elements: [
      markdown(
        `**${esc(p.center)}**（经理 ${esc(p.manager)}）在 ${p.day} 被发现底线问题：**${esc(p.item)}**。按规定，服务中心经理应立即免职，请立即处理。${p.note ? `\n说明：${esc(p.note)}` : ''}`,
      ),
    ],
  });
}
