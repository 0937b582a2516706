// The long connection's wire format: protobuf pbbp2.Frame (proto2), as the SDK's ws-client/proto-buf defines it.
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: {
          fields: {
            key: { rule: 'required', type: 'string', id: 1 },
            value: { rule: 'required', type: 'string', id: 2 },
          },
        },
        Frame: {
          fields: {
            SeqID: { rule: 'required', type: 'uint64', id: 1 },
            LogID: { rule: 'required', type: 'uint64', id: 2 },
            service: { rule: 'required', type: 'int32', id: 3 },
            method: { rule: 'required', type: 'int32', id: 4 },
            headers: { rule: 'repeated', type: 'Header', id: 5 },
            payloadEncoding: { type: 'string', id: 6 },
            payloadType: { type: 'string', id: 7 },
            payload: { type: 'bytes', id: 8 },
            LogIDNew: { type: 'string', id: 9 },
          },
        },
      },
    },
  },
});
const FrameType = root.lookupType('pbbp2.Frame');

/** method 0: control (ping/pong), method 1: data (events, card callbacks, and the client's answers). */
export const METHOD = { control: 0, data: 1 } as const;

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

export function encodeFrame(f: Frame): Buffer {
  return Buffer.from(FrameType.encode(FrameType.fromObject(f)).finish());
}

/** Decodes a binary frame; throws on anything that is not a complete pbbp2.Frame (a required field missing, bad wire data). */
export function decodeFrame(bytes: Uint8Array): Frame {
  const msg = FrameType.decode(bytes);
  const o = FrameType.toObject(msg, { longs: Number, defaults: false }) as Frame;
  return { ...o, headers: o.headers ?? [] };
}

/** The value of a frame header, if present. */
export const headerOf = (f: Frame, key: string): string | undefined => f.headers.find((h) => h.key === key)?.value;
