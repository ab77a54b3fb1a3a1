import type { CloudFrontResponseEvent, CloudFrontResponseResult } from 'aws-lambda';
import { theRecord } from '../lib/records.ts';
import { handleViewerResponse } from '../lib/viewer-response.ts';

export const handler = async (event: CloudFrontResponseEvent): Promise<CloudFrontResponseResult> => {
  const { request, response } = theRecord(event.Records).cf;
  return handleViewerResponse(request, response);
};
