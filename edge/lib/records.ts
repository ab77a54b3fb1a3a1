/**
 * The one record of a CloudFront event (rule 1: the array always has exactly one). An empty array is
 * not a CloudFront event at all, so it is the only input the handlers refuse.
 */
export function theRecord<T>(records: readonly T[]): T {
  const [record] = records;
  if (record === undefined) throw new Error('a CloudFront event has exactly one record');
  return record;
}
