/**
 * Vitest globalSetup of the infra project: synthesizes the app ONCE for every test file (each used to
 * synthesize its own, staging the same 20 MB layer and running the same nag checks up to seven times), then
 * hands the folder to the workers through provide/inject (sharedSynthesis in synth.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesizeInto } from './synth.ts';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'infra-shared-'));
  synthesizeInto(dir);
  project.provide('infraAssemblyDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
