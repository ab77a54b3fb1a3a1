import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { cryptoRandom } from '../lib/random.ts';
import { handleViewerRequest } from '../lib/viewer-request.ts';

export const handler = async (event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> =>
  handleViewerRequest(event.Records[0].cf.request, cryptoRandom);
