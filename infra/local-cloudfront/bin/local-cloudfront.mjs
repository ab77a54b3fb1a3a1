#!/usr/bin/env node
// The `local-cloudfront` command (options: server/cli-options.ts, or --help). The package is TypeScript, run as
// written: tsx compiles each module as Node loads it, so there is no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
