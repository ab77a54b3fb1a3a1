/** Finds the file behind a Node handler string ("index.handler") the way the Lambda Node runtime does. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface NodeHandler {
  file: string;
  /** How to load it: .mjs is ESM, .cjs CommonJS, .js by the code's own package.json "type". */
  format: 'esm' | 'cjs';
  exportName: string;
}

/**
 * A .js file is ESM only when a package.json between it and the code folder says "type": "module".
 * The search stops at the code folder: in Lambda that folder is /var/task and nothing above it counts,
 * so our repository's own package.json ("type": "module") must not decide it here.
 */
function isModuleScope(file: string, codeDir: string): boolean {
  let dir = dirname(file);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
    if (dir === codeDir || dirname(dir) === dir) return false;
    dir = dirname(dir);
  }
}

export function resolveNodeHandler(codeDir: string, handler: string): NodeHandler {
  const root = resolve(codeDir);
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Runtime.MalformedHandlerName: Bad handler ${handler}`);
  const base = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const file = join(root, base + extension);
    if (!existsSync(file)) continue;
    if (extension === '.mjs') return { file, format: 'esm', exportName };
    if (extension === '.cjs') return { file, format: 'cjs', exportName };
    return { file, format: isModuleScope(file, root) ? 'esm' : 'cjs', exportName };
  }
  throw new Error(`Runtime.ImportModuleError: Error: Cannot find module '${base}' in ${root}`);
}
