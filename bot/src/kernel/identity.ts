/**
 * Who is acting and where. Identity is always tenant id + Entra object id, taken from the
 * authenticated channel (activity `from.aadObjectId` + `channelData.tenant.id`, or an SSO
 * token's `tid`/`oid`) — never from text a user typed or a card payload.
 */
export interface Caller {
  readonly tenantId: string;
  readonly aadObjectId: string;
  readonly name?: string;
}

/** One Teams team where Quorum is installed. */
export interface GroupRef {
  readonly tenantId: string;
  readonly teamId: string;
}
