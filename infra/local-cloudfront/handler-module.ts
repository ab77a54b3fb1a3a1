/**
 * Where Lambda finds a Node handler: for `index.handler`, the first of index.js, index.mjs, index.cjs
 * in the code folder. A `.js` file is ESM only when the code folder's own package.json says
 * `"type": "module"`; a package.json further up (this repo's root one, for instance) does not count,
 * because the deployed zip contains only the folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface HandlerModule {
  file: string;
  format: 'esm' | 'cjs';
  exportName: string;
}

export function resolveHandlerModule(codeDir: string, handler: string): HandlerModule {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`handler "${handler}" must be "<module>.<export>"`);
  const base = path.join(codeDir, handler.slice(0, dot));
  const exportName = handler.slice(dot + 1);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = base + ext;
    if (!existsSync(file)) continue;
    const format = ext === '.mjs' || (ext === '.js' && folderType(codeDir) === 'module') ? 'esm' : 'cjs';
    return { file, format, exportName };
  }
  throw new Error(`Cannot find module '${handler.slice(0, dot)}' (.js, .mjs or .cjs) in ${codeDir}`);
}

function folderType(codeDir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(codeDir, 'package.json'), 'utf8')) as { type?: string }).type;
  } catch {
    return undefined;
  }
}
