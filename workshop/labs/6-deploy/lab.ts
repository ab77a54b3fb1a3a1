import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { invalidateAll, waitDeployed } from '../../../infra/deploy/distribution-client.ts';
import { expect, type Lab } from '../../harness.ts';
import { built, edited } from '../../paths.ts';

/** The tag the lab asks for: in an account shared by a room, it says whose stack a resource belongs to. */
const tagKey = 'workshop:owner';

type Resource = { Type: string; Properties?: { Tags?: { Key: string; Value: string }[] } };

export const lab: Lab = {
  id: 6,
  title: 'Deploy, exercise, observe, clean up',
  page: 'workshop/labs/6-deploy/README.md',
  asksForChange: true,
  solution: [
    {
      file: edited.app,
      anchor: "import { App, Validations } from 'aws-cdk-lib';",
      replacement: "import { App, Tags, Validations } from 'aws-cdk-lib';",
    },
    {
      file: edited.app,
      anchor: 'if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));',
      replacement:
        'if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));\n' +
        `  // Lab 6: whose stack this is, on every resource that takes tags.\n  Tags.of(app).add('${tagKey}', process.env.USER || 'learner');`,
    },
  ],
  notChecked: [
    'npm run deploy: needs an AWS account, credentials and a bootstrapped us-east-1',
    'npm run test:e2e:deployed: needs the deployed distribution',
    "CloudWatch logs in the viewer's region: needs the deployed functions to have run",
    'npm run destroy and the deferred deletion of the four functions: needs the deployed stack',
  ],
  async check(shop) {
    const distribution = shop.edge.distribution();
    const template = JSON.parse(
      readFileSync(path.join(shop.root, built.cdkOut, `${distribution.stackName}.template.json`), 'utf8'),
    ) as { Resources: Record<string, Resource> };
    const tagOf = (resource: Resource | undefined) =>
      resource?.Properties?.Tags?.find((t) => t.Key === tagKey)?.Value;
    const distributionTags = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::CloudFront::Distribution')
      .map(tagOf);
    // The Lambda@Edge functions the distribution runs (CDK's own helper functions are not the learner's concern).
    const edgeFunctionIds = [
      ...new Set(distribution.behaviors.flatMap((b) => Object.values(b.functions).map((a) => a.fn.name))),
    ];
    const functionTags = edgeFunctionIds.map((id) => tagOf(template.Resources[id]));

    const client = new CloudFrontClient({
      endpoint: shop.edge.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    let apiResult: string;
    let apiOk = false;
    try {
      await shop.get('/products/');
      const deployed = await waitDeployed(client, distribution.id, { intervalMs: 10 });
      await invalidateAll(client, distribution.id, { intervalMs: 10 });
      const after = await shop.get('/products/');
      apiOk = deployed.id === distribution.id && after.log?.cacheResult === 'Miss';
      apiResult = `Deployed, invalidated, next request ${after.log?.cacheResult}`;
    } catch (error) {
      apiResult = error instanceof Error ? error.message : String(error);
    } finally {
      client.destroy();
    }
    return [
      expect(
        'the synthesized stack (cdk-nag passed) has one distribution running four functions',
        distributionTags.length === 1 && functionTags.length === 4,
        'read the build output above: synthesis or a cdk-nag finding failed',
        `${distributionTags.length} distribution, ${functionTags.length} functions`,
      ),
      expect(
        `the distribution and its four edge functions carry the tag ${tagKey}`,
        [...distributionTags, ...functionTags].length > 0 &&
          [...distributionTags, ...functionTags].every((v) => typeof v === 'string' && v.length > 0),
        `add Tags.of(app).add('${tagKey}', '<your name>') in ${edited.app} (the page shows where)`,
        `${distributionTags.filter(Boolean).length}/${distributionTags.length} distribution, ${functionTags.filter(Boolean).length}/${functionTags.length} functions`,
      ),
      expect(
        "the deploy tooling's CloudFront client works against the local CloudFront API (wait Deployed, invalidate /*)",
        apiOk,
        'the same SDK calls run against AWS after npm run deploy; see the error above',
        apiResult,
      ),
    ];
  },
};
