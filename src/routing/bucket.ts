import murmurhash3js from 'murmurhash3js';

/**
 * Sticky bucketing, exactly as Unleash's flexibleRollout strategy does it (unleash-client-node
 * `strategy/util.ts`): murmur3 x86 32-bit of `groupId:userId` with seed 0, `% 100 + 1`, so every user has a
 * fixed bucket 1..100. A user is in the rollout when `rollout > 0 && bucket <= rollout`: raising the
 * percentage only adds users, lowering it only removes them, and the same inputs give the same answer in any
 * Unleash SDK. Checked against @unleash/client-specification in test/routing-bucket.test.ts.
 */
export function bucketOf(userId: string, groupId: string): number {
  return (murmurhash3js.x86.hash32(`${groupId}:${userId}`, 0) % 100) + 1;
}

export function inRollout(bucket: number, rolloutPercent: number): boolean {
  return rolloutPercent > 0 && bucket <= rolloutPercent;
}

/**
 * The group id decorrelates capabilities: a user in the first 5 % for parsing is not thereby in the first
 * 5 % for matching. Using one group for two capabilities co-enrols their cohorts on purpose.
 */
export function groupIdFor(capability: string): string {
  return `jobmatch.routing.${capability}`;
}
