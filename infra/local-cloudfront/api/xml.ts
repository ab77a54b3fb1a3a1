/** The restXml wire format of the CloudFront API (toolchain.md, "@aws-sdk/client-cloudfront against a local server"). */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const namespace = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
});
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Path' });

/** A list in CloudFront's XML: { Quantity, Items: { <member>: [...] } }, Items left out when empty. */
export function list(member: string, items: unknown[]): Record<string, unknown> {
  return items.length === 0 ? { Quantity: 0 } : { Quantity: items.length, Items: { [member]: items } };
}

export function document(root: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': namespace, ...body } })}`;
}

export function errorDocument(code: string, message: string, requestId: string): string {
  const type = code === 'InternalError' ? 'Receiver' : 'Sender';
  return document('ErrorResponse', {
    Error: { Type: type, Code: code, Message: message },
    RequestId: requestId,
  });
}

export interface InvalidationBatch {
  callerReference: string;
  quantity: number;
  paths: string[];
}

/** Parses a CreateInvalidation body; undefined when it is not an InvalidationBatch at all. */
export function parseInvalidationBatch(xml: string): InvalidationBatch | undefined {
  let parsed: {
    InvalidationBatch?: { CallerReference?: unknown; Paths?: { Quantity?: unknown; Items?: unknown } };
  };
  try {
    parsed = parser.parse(xml);
  } catch {
    return undefined;
  }
  const batch = parsed.InvalidationBatch;
  if (!batch || typeof batch !== 'object') return undefined;
  const items = batch.Paths?.Items as { Path?: unknown[] } | '' | undefined;
  const paths = (typeof items === 'object' && items?.Path ? items.Path : []).map(String);
  return {
    callerReference: typeof batch.CallerReference === 'string' ? batch.CallerReference : '',
    quantity: Number(batch.Paths?.Quantity ?? Number.NaN),
    paths,
  };
}
