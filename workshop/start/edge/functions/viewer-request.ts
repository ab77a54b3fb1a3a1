import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { cryptoRandom } from '../lib/random.ts';
import { theRecord } from '../lib/records.ts';
import { handleViewerRequest } from '../lib/viewer-request.ts';

export const handler = async (event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> =>
  handleViewerRequest(theRecord(event.Records).cf.request, cryptoRandom);
