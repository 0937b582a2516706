// Lark's wire cryptography: AES-256-CBC envelopes (key = SHA-256 of the Encrypt Key) and the SHA-256 request signature.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const keyOf = (encryptKey: string) => createHash('sha256').update(encryptKey, 'utf8').digest();

/** base64(iv ‖ AES-256-CBC(PKCS#7(plaintext))) — the value of `{"encrypt": …}`. */
export function encryptPayload(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', keyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** Inverse of encryptPayload; throws on a wrong key or a damaged payload. */
export function decryptPayload(encryptKey: string, encrypted: string): string {
  const raw = Buffer.from(encrypted, 'base64');
  if (raw.length < 32 || raw.length % 16 !== 0) throw new Error('encrypted payload has a wrong length');
  const decipher = createDecipheriv('aes-256-cbc', keyOf(encryptKey), raw.subarray(0, 16));
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

/** hex(SHA-256(timestamp + nonce + encryptKey + rawBody)) — plain SHA-256, over the exact body bytes. */
export function signRequest(timestamp: string, nonce: string, encryptKey: string, rawBody: string | Buffer): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}

/** Constant-time check of an X-Lark-Signature header against the raw body. */
export function signatureMatches(
  headers: { timestamp?: string; nonce?: string; signature?: string },
  encryptKey: string,
  rawBody: string | Buffer,
): boolean {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature) return false;
  const expected = Buffer.from(signRequest(timestamp, nonce, encryptKey, rawBody), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
