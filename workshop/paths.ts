/**
 * Every file path the labs know, in one place: what a lab's steps and solution edit, what it adds, and the
 * build output the checkpoints serve. When the project moves a file, change it here (and in the lab's page).
 */

/** Files the labs ask the learner to edit (tracked in git); `npm run lab -- reset` restores them. */
export const edited = {
  edgeConfig: 'edge/config.ts',
  imageRequest: 'edge/lib/image-request.ts',
  originRequest: 'edge/lib/origin-request.ts',
  viewerRequestFunction: 'edge/functions/viewer-request.ts',
  /** Lab 4's "break it first" steps touch the cache and origin request policies. */
  cachePolicies: 'infra/stack/cache-policies.ts',
  distribution: 'infra/stack/distribution.ts',
  app: 'infra/app.ts',
  /** Lab 7 adds the jacket colour to the conversion request. */
  addToBagScript: 'site/src/scripts/add-to-bag.ts',
} as const;

/** Files the labs ask the learner to create; `npm run lab -- reset` deletes them when git does not track them. */
export const added = {
  homeVariantC: 'site/src/pages/home/c/index.astro',
  lab0Answers: 'workshop/answers/lab-0.txt',
} as const;

/** What the build writes and the checkpoints serve. */
export const built = {
  cdkOut: 'infra/cdk.out',
  /** Written after a successful build: a hash of every input, so an unchanged tree is not rebuilt. */
  stamp: 'infra/cdk.out/workshop-build.stamp',
} as const;

/** The folders whose files feed `npm run build` (the workshop's own folder is not among them). */
export const buildInputs = ['site', 'edge', 'infra', 'package.json', 'tsconfig.json'] as const;
