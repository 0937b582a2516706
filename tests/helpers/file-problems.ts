// The problems a refused company file (org, rulebook, calendar) is reported with, one line each.
import { expect } from 'vitest';
import { YamlFileError } from '../../src/lib/yaml-file.ts';

export function refusedLines(parse: () => unknown, errorClass: new (...args: never[]) => YamlFileError = YamlFileError): string[] {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(errorClass);
    return (e as Error).message.split('\n');
  }
  throw new Error('expected the file to be refused');
}
