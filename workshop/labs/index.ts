/**
 * The labs, in order. Adding a lab: a folder `labs/<n>-<name>/` with its page (README.md) and a `lab.ts` that
 * exports `lab`, its entry here, and any file path its steps touch in ../paths.ts.
 */
import type { Lab } from '../harness.ts';
import { lab as runAndRead } from './0-run-and-read/lab.ts';
import { lab as abSplit } from './1-ab-split/lab.ts';
import { lab as jacketColour } from './2-jacket-colour/lab.ts';
import { lab as deviceImages } from './3-device-images/lab.ts';
import { lab as cacheKey } from './4-cache-key/lab.ts';
import { lab as failure } from './5-failure/lab.ts';
import { lab as deploy } from './6-deploy/lab.ts';
import { lab as readTheExperiment } from './7-read-the-experiment/lab.ts';

export const labs: readonly Lab[] = [
  runAndRead,
  abSplit,
  jacketColour,
  deviceImages,
  cacheKey,
  failure,
  deploy,
  readTheExperiment,
];
