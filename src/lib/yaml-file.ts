// Company files in YAML (org, rulebook, calendar): parse, validate with zod, and name every problem by line and path.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export type Path = (string | number)[];
export interface Problem {
  path: Path;
  message: string;
  line?: number;
}

/** `centers[2].manager` */
function formatPath(path: Path): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : String(part)), '');
}

function formatProblem(source: string, p: Problem): string {
  const where = p.line ? `${source}:${p.line}: ` : `${source}: `;
  return `${where}${p.path.length ? `${formatPath(p.path)}: ` : ''}${p.message}`;
}

/** A file that failed validation: every problem, each with its line. */
export class YamlFileError extends Error {
  readonly code: string = 'FILE_INVALID';
  constructor(
    readonly source: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => formatProblem(source, p)).join('\n'));
    this.name = 'YamlFileError';
  }
}

function zodMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message;
  return issue.message;
}

const startLine = (counter: LineCounter, node: unknown): number | undefined => {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
};

/**
 * The line of a path in the document, else its nearest parent's. Map keys are compared as text, so the
 * path years."2027" finds the YAML key 2027 (a number), which yaml's own getIn would miss.
 * With `atKey`, the last segment's line is its key's (an unknown key is named on its own line).
 */
function lineOf(doc: Document, counter: LineCounter, path: Path, atKey = false): number | undefined {
  let node: unknown = doc.contents;
  let line = startLine(counter, node);
  for (const [i, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(part));
      if (!pair) break;
      const last = i === path.length - 1;
      node = pair.value;
      line = (atKey && last ? startLine(counter, pair.key) : (startLine(counter, node) ?? startLine(counter, pair.key))) ?? line;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
      if (!node) break;
      line = startLine(counter, node) ?? line;
    } else break;
  }
  return line;
}

function issueLine(doc: Document, counter: LineCounter, issue: z.core.$ZodIssue, path: Path): number | undefined {
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) return lineOf(doc, counter, [...path, issue.keys[0]], true);
  return lineOf(doc, counter, path);
}

export interface ParseOptions<T> {
  /** checks a schema cannot express (references, duplicates); problems carry paths, lines are added */
  check?: (data: T) => Problem[];
  /** the error class to throw (a subclass of YamlFileError) */
  error?: new (
    source: string,
    problems: Problem[],
  ) => YamlFileError;
  /** maps the parsed YAML before validation (e.g. to merge with defaults); paths still refer to the file */
  transform?: (raw: unknown) => unknown;
}

/** Parses YAML text and validates it; throws a YamlFileError listing every problem with its line. */
export function parseYamlFile<S extends z.ZodType>(
  schema: S,
  text: string,
  source: string,
  opts: ParseOptions<z.infer<S>> = {},
): z.infer<S> {
  const Err = opts.error ?? YamlFileError;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new Err(
      source,
      doc.errors.map((e) => ({ path: [], line: e.linePos?.[0]?.line, message: `YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  const raw = doc.toJS() ?? {};
  const parsed = schema.safeParse(opts.transform ? opts.transform(raw) : raw);
  if (!parsed.success) {
    throw new Err(
      source,
      parsed.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as Path;
        return { path, message: zodMessage(issue), line: issueLine(doc, counter, issue, path) };
      }),
    );
  }
  const problems = opts.check?.(parsed.data) ?? [];
  if (problems.length)
    throw new Err(
      source,
      problems.map((p) => ({ ...p, line: lineOf(doc, counter, p.path) })),
    );
  return parsed.data;
}
