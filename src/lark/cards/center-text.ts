// What the bot says when a center is typed by code or name and does not resolve to exactly one.
import { FORM_TEXT } from './kit.ts';

export const CENTER_TEXT = {
  placeholder: '编号或名称，如 C001 或 阳光花园',
  placeholderMany: '编号或名称，多个用顿号分隔',
  required: (label: string) => FORM_TEXT.requiredMissing([label]),
  notFound: (label: string, typed: string) => `${label}：没有找到「${typed}」，请填写服务中心的编号或名称`,
  several: (label: string, typed: string, names: string[], total: number) =>
    `${label}：「${typed}」对应 ${total} 个服务中心（${names.join('、')}${total > names.length ? '等' : ''}），请填写完整名称或编号`,
  notYours: (label: string, typed: string) => `${label}：「${typed}」不在您可以登记的服务中心中`,
};
