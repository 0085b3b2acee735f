/** Twilio's error answers ({code, message, more_info, status}) as the emulator raises them. */

export const ERROR_INFO = 'https://www.twilio.com/docs/errors/';

/** A refusal as Twilio answers it: HTTP status, Twilio error code, message. */
export class TwilioError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
