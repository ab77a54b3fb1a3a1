/** request.origin as an origin-request function may change it (rule 1.5); the checks we can make locally. */
import { checkDisallowed, checkHeaderMap, type HeaderMap } from './headers.ts';
import { check, isObject, type Json, rule } from './rules.ts';

function checkPath(path: unknown, where: string) {
  check(
    path === undefined ||
      path === '' ||
      (typeof path === 'string' && path.startsWith('/') && !path.endsWith('/')),
    rule.origin,
    () => `${where}.path ${JSON.stringify(path)} must start with "/" and not end with "/".`,
  );
}

function checkCustom(custom: Json) {
  const { domainName, port, protocol } = custom;
  check(
    typeof domainName === 'string' && !domainName.includes(':') && !/^[\d.]+$/.test(domainName),
    rule.origin,
    () =>
      `origin.custom.domainName ${JSON.stringify(domainName)} must be a DNS name without ":" and not an IP.`,
  );
  check(domainName.length <= 253, rule.origin, 'origin.custom.domainName is longer than 253 characters.');
  check(
    port === undefined || port === 80 || port === 443 || (Number(port) >= 1024 && Number(port) <= 65535),
    rule.origin,
    () => `origin.custom.port ${JSON.stringify(port)} must be 80, 443 or 1024-65535.`,
  );
  check(
    protocol === undefined || protocol === 'http' || protocol === 'https',
    rule.origin,
    () => `origin.custom.protocol ${JSON.stringify(protocol)} must be "http" or "https".`,
  );
}

function checkS3(s3: Json) {
  const { domainName } = s3;
  check(
    typeof domainName === 'string' && domainName.length > 0 && domainName.length <= 128,
    rule.origin,
    () =>
      `origin.s3.domainName ${JSON.stringify(domainName)} must be a bucket DNS name of at most 128 characters.`,
  );
  check(domainName === domainName.toLowerCase(), rule.origin, 'origin.s3.domainName must be lowercase.');
}

export function validateOrigin(origin: unknown, requestHeaders: HeaderMap, warnings?: string[]): Json {
  check(isObject(origin), rule.origin, 'request.origin must be an object.');
  const kinds = (['custom', 's3'] as const).filter((kind) => origin[kind] !== undefined);
  check(kinds.length === 1, rule.origin, 'request.origin must hold exactly one of "custom" or "s3".');
  const kind = kinds[0] as 'custom' | 's3';
  const spec = origin[kind];
  check(isObject(spec), rule.origin, () => `request.origin.${kind} must be an object.`);
  if (kind === 'custom') checkCustom(spec);
  else checkS3(spec);
  checkPath(spec.path, `origin.${kind}`);
  const customHeaders = checkHeaderMap(spec.customHeaders, `origin.${kind}.customHeaders`, warnings);
  checkDisallowed({}, customHeaders, `origin.${kind}.customHeaders`);
  for (const name of Object.keys(customHeaders)) {
    check(!requestHeaders[name], rule.origin, () => `custom header "${name}" is also in request.headers.`);
  }
  return { [kind]: { ...spec, customHeaders } };
}
