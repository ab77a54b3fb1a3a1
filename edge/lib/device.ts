import type { CloudFrontHeaders } from 'aws-lambda';
import { type DeviceId, deviceClasses } from '../config.ts';

/**
 * The device class from CloudFront's CloudFront-Is-*-Viewer headers (rule 4): the first class in
 * configured order whose header says "true" (a tablet is often "mobile" too); the default when none does,
 * for example when the headers are absent because the request did not come through the images behavior.
 */
export function deviceClass(headers: CloudFrontHeaders): DeviceId {
  for (const device of deviceClasses.classes) {
    if (headers[device.header]?.[0]?.value.trim().toLowerCase() === 'true') return device.id;
  }
  return deviceClasses.default;
}

/** A device class's image width; a class the configuration lacks is an error, never a silent default. */
export function deviceWidth(device: DeviceId): number {
  const found = deviceClasses.classes.find((d) => d.id === device);
  if (!found) throw new Error(`edge/config.ts: no device class "${device}"`);
  return found.width;
}
