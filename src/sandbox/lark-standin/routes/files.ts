// POST /im/v1/files: a multipart upload (file_type, file_name, file) kept in memory, answered with a file_key.
import multipart, { type Multipart } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { fail, sendJson } from '../http.ts';
import { newFileKey } from '../ids.ts';
import type { StandinState } from '../state.ts';

const FILE_TYPES = ['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'];
/**
 * 上传文件 lists each type for its own format ("xls：XLS 格式文件", "stream：…若上传文件不属于以上枚举类型，可以使用 stream
 * 格式"): a typed upload must carry a name of that format (an .xlsx workbook is `stream`, not `xls`).
 */
const TYPE_EXTENSIONS: Record<string, RegExp> = {
  opus: /\.opus$/i,
  mp4: /\.mp4$/i,
  pdf: /\.pdf$/i,
  doc: /\.doc$/i,
  xls: /\.xls$/i,
  ppt: /\.ppt$/i,
};
/** Lark's limit: "文件大小不得超过 30 MB". */
const MAX_FILE_BYTES = 30 * 1024 * 1024;

interface Upload {
  fields: Record<string, string>;
  file?: Buffer;
  tooLarge: boolean;
}

export function registerFiles(app: FastifyInstance, state: StandinState): void {
  // encapsulated: only this route parses multipart, every other one keeps the gateway's JSON parser
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits an async plugin
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10 } });

    scope.post('/open-apis/im/v1/files', async (req, reply) => {
      if (!req.isMultipart()) return fail(reply, 234001, 'Invalid request param: multipart/form-data expected');
      let upload: Upload;
      try {
        upload = await readUpload(req.parts(), scope);
      } catch (e) {
        return fail(reply, 234001, `Invalid request param: ${(e as Error).message}`);
      }
      if (upload.tooLarge) return fail(reply, 234006);
      const { file_type: fileType, file_name: fileName } = upload.fields;
      if (!fileType || !FILE_TYPES.includes(fileType)) return fail(reply, 234001, 'Invalid request param: file_type');
      if (!fileName) return fail(reply, 234001, 'Invalid request param: file_name');
      if (TYPE_EXTENSIONS[fileType] && !TYPE_EXTENSIONS[fileType].test(fileName))
        return fail(reply, 234001, `Invalid request param: file_type ${fileType} does not match file_name ${fileName} (use stream)`);
      if (!upload.file) return fail(reply, 234001, 'Invalid request param: file');
      if (upload.file.length === 0) return fail(reply, 234010);
      const fileKey = newFileKey();
      state.files.set(fileKey, { name: fileName, type: fileType, bytes: upload.file });
      return sendJson(reply, 200, { code: 0, msg: 'success', data: { file_key: fileKey } });
    });
  });
}

/** Reads every part: text fields by name, the `file` part as bytes (at most MAX_FILE_BYTES). */
async function readUpload(parts: AsyncIterable<Multipart>, scope: FastifyInstance): Promise<Upload> {
  const upload: Upload = { fields: {}, tooLarge: false };
  for await (const part of parts) {
    if (part.type === 'file') {
      try {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') upload.file = bytes;
      } catch (e) {
        if (e instanceof scope.multipartErrors.RequestFileTooLargeError) {
          upload.tooLarge = true;
          return upload;
        }
        throw e;
      }
    } else {
      upload.fields[part.fieldname] = String(part.value);
    }
  }
  return upload;
}
