/** The fixture apps, synthesized once per content of the fixtures (the test kit's synthesis cache). */
import { cachedSynthesis } from '../../testing/synthesis.ts';
import { fixturesDir } from '../fixtures/paths.ts';

export function fixtureCdkOut(): Promise<string> {
  return cachedSynthesis({
    name: 'local-cloudfront-fixtures',
    inputs: [fixturesDir],
    synth: async (outdir) => {
      const { synthFixtureApps } = await import('../fixtures/apps.ts');
      synthFixtureApps(outdir);
    },
  });
}
