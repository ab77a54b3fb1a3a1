import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { bundledManifest } from '../lib/bundled-manifest.ts';
import { handleOriginRequest } from '../lib/origin-request.ts';
import { theRecord } from '../lib/records.ts';

export const handler = async (event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> =>
  handleOriginRequest(theRecord(event.Records).cf.request, bundledManifest);
