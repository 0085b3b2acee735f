/** Infrastructure failures of the MongoDB store, with a stable code. */
export class MongoStoreError extends Error {
  constructor(
    readonly code: 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'MongoStoreError';
  }
}
