// Id and token generators in Lark's formats (om_…, oc_…, t-…, c-…, img_v3_…, file_v3_…, event ids, log ids).
import { createHash, randomBytes } from 'node:crypto';

export const TENANT_KEY = 'tenant_standin';

export const randomHex = (chars: number): string =>
  randomBytes(Math.ceil(chars / 2))
    .toString('hex')
    .slice(0, chars);

/** Stable hex derived from a seed (for ids that must not change between calls). */
export const stableHex = (seed: string, chars: number): string => createHash('sha256').update(seed).digest('hex').slice(0, chars);

export const newMessageId = (): string => `om_${randomHex(32)}`;
export const newEventId = (): string => randomHex(32);
export const newTenantToken = (): string => `t-${randomHex(40)}`;
export const newCardToken = (): string => `c-${randomHex(40)}`;
export const newImageKey = (): string => `img_v3_${randomHex(24)}`;
export const newFileKey = (): string => `file_v3_${randomHex(32)}`;
export const newLogId = (): string => `02${Date.now()}${randomHex(18).toUpperCase()}`;
