import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHandlerModule } from '../handler-module.ts';
import { fixturesDir } from './fixtures/paths.ts';

describe('handler resolution (Lambda Node runtime, reference 2.7)', () => {
  it('loads a plain .js handler as CommonJS even inside a "type": "module" repository (reference 2.7)', () => {
    const mod = resolveHandlerModule(path.join(fixturesDir, 'functions', 'commonjs-js'), 'index.handler');
    expect(mod).toMatchObject({ format: 'cjs', exportName: 'handler' });
    expect(mod.file.endsWith('index.js')).toBe(true);
  });

  it('loads index.mjs as ES module (reference 2.7)', () => {
    const mod = resolveHandlerModule(path.join(fixturesDir, 'functions', 'viewer-request'), 'index.handler');
    expect(mod).toMatchObject({ format: 'esm' });
  });

  it('names the missing module like Lambda does (reference 2.7)', () => {
    expect(() => resolveHandlerModule(fixturesDir, 'main.handler')).toThrow(/Cannot find module 'main'/);
  });
});
