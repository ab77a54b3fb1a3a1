/**
 * The test kit: what a suite that tests functions or a stack with the local CloudFront needs, in one place.
 * `startTestCloudFront` serves a cdk.out on a free port; `cachedSynthesis` synthesizes an app once per content;
 * the event fixtures build Lambda@Edge events laid out as CloudFront sends them (rule 1); the User-Agent table and
 * the seeded random source keep traffic realistic and reproducible.
 */
export { silentLogger } from '../logs/request-log.ts';
export * from './events.ts';
export { seededRandom } from './random.ts';
export { citedRules, rulebookPath, ruleSections, uncitedRules } from './rulebook.ts';
export { startTestCloudFront, type TestCloudFront, type TestCloudFrontOptions } from './start.ts';
export { type CachedSynthesisOptions, cachedSynthesis } from './synthesis.ts';
export {
  type DeviceClass,
  deviceClassOf,
  deviceUserAgents,
  userAgents,
  userAgentsOf,
} from './user-agents.ts';
