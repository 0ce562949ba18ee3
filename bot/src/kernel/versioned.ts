/** A stored value with the ETag it was read at; every write that can race passes it back. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}
