import { randomInt } from 'node:crypto';

const RESOLUTION = 2 ** 32;

/** A uniform number in [0, 1) from the platform's cryptographic generator. */
export function cryptoRandom(): number {
  return randomInt(RESOLUTION) / RESOLUTION;
}
