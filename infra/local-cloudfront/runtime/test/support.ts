/** Associations for the fixture functions in ./fixtures/<case>/ (one tiny real function per case). */
import { fileURLToPath } from 'node:url';
import type { EdgeEventType, EdgeFunctionSpec, FunctionAssociation } from '../../types.ts';

export interface FixtureOptions extends Partial<EdgeFunctionSpec> {
  eventType?: EdgeEventType;
}

export function fixture(name: string, options: FixtureOptions = {}): FunctionAssociation {
  const { eventType = 'viewer-request', ...spec } = options;
  return {
    eventType,
    includeBody: false,
    fn: {
      name,
      codeDir: fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)),
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      timeoutSeconds: 5,
      memoryMb: 128,
      ...spec,
    },
  };
}
