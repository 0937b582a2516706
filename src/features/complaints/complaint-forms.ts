// The complaint forms: registering it, the plan with its milestone (措施和节点), and the owner's call-back (回访).
import { addDays } from '../../lib/shanghai.ts';
import type { FormDef } from '../forms/form.ts';

export interface ComplaintFormContext {
  today: string;
  /** the latest milestone, in days from today: the complaint rule's `max_days` (90 unless the rulebook says otherwise) */
  maxDays?: number;
}

export const CHANNELS = [
  { value: 'phone', label: '电话' },
  { value: 'visit', label: '上门' },
  { value: 'hotline', label: '400 客服' },
  { value: 'online', label: '微信/业主群' },
  { value: 'other', label: '其他' },
];

export const CATEGORIES = [
  { value: 'repair', label: '维修' },
  { value: 'environment', label: '环境卫生' },
  { value: 'security', label: '秩序安全' },
  { value: 'attitude', label: '服务态度' },
  { value: 'fees', label: '收费' },
  { value: 'noise', label: '噪音扰民' },
  { value: 'other', label: '其他' },
];

export const registerForm: FormDef<ComplaintFormContext> = {
  id: 'complaint',
  title: '登记投诉',
  fields: () => [
    { kind: 'text', name: 'owner', label: '业主姓名', max: 20 },
    { kind: 'text', name: 'household', label: '房号', max: 30, placeholder: '如 3-2-801' },
    { kind: 'select', name: 'channel', label: '渠道', options: CHANNELS },
    { kind: 'text', name: 'what', label: '投诉内容', max: 500, multiline: true },
    { kind: 'select', name: 'category', label: '类别', options: CATEGORIES },
    {
      kind: 'select',
      name: 'in_remit',
      label: '是否属于物业职责范围',
      options: [
        { value: 'yes', label: '是' },
        { value: 'no', label: '否' },
      ],
    },
    {
      kind: 'select',
      name: 'severity',
      label: '严重程度',
      options: [
        { value: 'normal', label: '一般' },
        { value: 'major', label: '重大（立即上报品质管理中心和客服中心）' },
      ],
    },
  ],
};

export const planForm: FormDef<ComplaintFormContext> = {
  id: 'complaint_plan',
  title: '整改方案',
  fields: () => [
    { kind: 'text', name: 'plan', label: '解决方案和措施', max: 500, multiline: true },
    { kind: 'date', name: 'milestone', label: '完成节点' },
  ],
  check: (v, ctx) =>
    (v.milestone as string) < ctx.today
      ? '完成节点：不能早于今天'
      : (v.milestone as string) > addDays(ctx.today, ctx.maxDays ?? 90)
        ? `完成节点：不能晚于 ${addDays(ctx.today, ctx.maxDays ?? 90)}`
        : null,
};

export const callbackForm: FormDef<ComplaintFormContext> = {
  id: 'complaint_callback',
  title: '回访',
  fields: () => [
    {
      kind: 'select',
      name: 'satisfied',
      label: '业主是否满意',
      options: [
        { value: 'yes', label: '满意' },
        { value: 'no', label: '不满意' },
      ],
    },
    { kind: 'text', name: 'note', label: '回访记录', max: 300, required: false },
  ],
};

export const ANSWER_WAYS = [
  { value: 'answered', label: '已答复业主' },
  { value: 'passed', label: '已转交责任单位' },
];

/** Outside the property's remit: how the owner was answered or to whom it was passed, then closed. */
export const answerForm: FormDef<ComplaintFormContext> = {
  id: 'complaint_answer',
  title: '答复或转交',
  fields: () => [
    { kind: 'select', name: 'way', label: '处理方式', options: ANSWER_WAYS },
    { kind: 'text', name: 'detail', label: '答复内容或转交单位', max: 300, multiline: true },
  ],
};
