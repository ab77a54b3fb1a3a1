/**
 * Where log files come from: a local folder (the local CloudFront's `--log-dir`, or files copied from the
 * bucket) or the deployed log bucket through the AWS SDK. Both hand the report byte streams, read by the
 * same parser (log-records.ts).
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

export interface LogObject {
  name: string;
  open(): Promise<Readable>;
}

export async function* localLogFiles(dir: string): AsyncGenerator<LogObject> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  for (const name of files.sort()) {
    const file = path.join(dir, name);
    yield { name: file, open: async () => createReadStream(file) };
  }
}

/** Every object under the prefix (CloudFront writes `<prefix><distribution-id>.YYYY-MM-DD-HH.<id>.gz`). */
export async function* s3LogObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
): AsyncGenerator<LogObject> {
  for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
    for (const object of page.Contents ?? []) {
      const key = object.Key;
      if (!key || key.endsWith('/')) continue;
      yield {
        name: `s3://${bucket}/${key}`,
        open: async () => {
          const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          if (!Body) throw new Error(`s3://${bucket}/${key} has no body`);
          // In Node the SDK's body is a Readable; anything else is read through its web stream.
          return Body instanceof Readable
            ? Body
            : Readable.from(Buffer.from(await Body.transformToByteArray()));
        },
      };
    }
  }
}
