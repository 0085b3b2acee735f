/** Infrastructure errors carry a stable code (ARCHITECTURE.md "Errors"). */
export class StoreError extends Error {
  constructor(
    readonly code: 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
