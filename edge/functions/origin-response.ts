import type { CloudFrontResponseEvent, CloudFrontResponseResult } from 'aws-lambda';
import { handleOriginResponse } from '../lib/origin-response.ts';
import { theRecord } from '../lib/records.ts';

export const handler = async (event: CloudFrontResponseEvent): Promise<CloudFrontResponseResult> => {
  const { request, response } = theRecord(event.Records).cf;
  return handleOriginResponse(request, response);
};
