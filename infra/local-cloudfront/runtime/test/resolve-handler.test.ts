import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { resolveNodeHandler } from '../resolve-handler.ts';

const dir = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

test.each([
  ['esm-async', 'index.mjs', 'esm'],
  ['commonjs', 'index.js', 'cjs'],
  ['esm-package', 'index.js', 'esm'],
  ['commonjs-cjs', 'index.cjs', 'cjs'],
])(
  'resolves index.handler in %s to %s loaded as %s, as the Lambda Node runtime does',
  (name, file, format) => {
    expect(resolveNodeHandler(dir(name), 'index.handler')).toEqual({
      file: `${dir(name)}/${file}`,
      format,
      exportName: 'handler',
    });
  },
);

test('a handler whose file is missing fails with Runtime.ImportModuleError', () => {
  expect(() => resolveNodeHandler(dir('esm-async'), 'app.handler')).toThrow(/Runtime.ImportModuleError/);
});

test('a handler string without a module part fails with Runtime.MalformedHandlerName', () => {
  expect(() => resolveNodeHandler(dir('esm-async'), 'handler')).toThrow(/Runtime.MalformedHandlerName/);
});
