#!/usr/bin/env node
// The steward command: runs the compiled CLI (dist/) when it is built from the current sources, else the TypeScript
// sources through tsx (a dev dependency, there in a clone after npm install).
import { buildIsCurrent } from '../scripts/build-state.mjs';

if (buildIsCurrent()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
