// Normalises what a person wrote: mentions out, full-width to half-width (NFKC), no spaces or punctuation, lower case.

/** `@_user_1 日报！` → `日报` */
export function normalizeText(text: string): string {
  return text
    .replace(/@_user_\d+/g, ' ')
    .replace(/@_all/g, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
