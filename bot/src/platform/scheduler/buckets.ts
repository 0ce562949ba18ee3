/** Jobs are indexed by the UTC minute they fall due in: "YYYYMMDDHHmm", which sorts as time does. */
export function bucketOf(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

export function bucketStart(bucket: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(bucket);
  if (!m) throw new Error(`not a bucket: ${bucket}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
}

export function nextBucket(bucket: string): string {
  return bucketOf(new Date(bucketStart(bucket).getTime() + 60_000));
}

/** Every bucket after `from` up to and including `to`, oldest first. */
export function bucketsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let b = nextBucket(from); b <= to; b = nextBucket(b)) out.push(b);
  return out;
}
