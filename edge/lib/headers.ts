import type { CloudFrontHeaders } from 'aws-lambda';

/** All values of a header, whatever case the function that set it used for the map key. */
export function headerValues(headers: CloudFrontHeaders, name: string): string[] {
  return (headers[name.toLowerCase()] ?? []).map((h) => h.value);
}

export function firstHeader(headers: CloudFrontHeaders, name: string): string | undefined {
  return headerValues(headers, name)[0];
}

export function setHeader(headers: CloudFrontHeaders, key: string, value: string): void {
  headers[key.toLowerCase()] = [{ key, value }];
}
