// adbkit and socket failures, turned into the errors the agent and the CLI explain: a phone
// that vanished (unplugged, adb connection dropped) becomes 'device_gone' so the run ends with
// one clear line and the trace written so far stays intact.
import { AppError } from '../../../shared/errors';

const GONE = /device (?:'[^']*' )?not found|device offline|device still connecting|no devices|closed|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|premature/i;
const UNAUTHORIZED = /unauthori[sz]ed/i;

/** AppErrors pass through; anything that says the device went away becomes device_gone. */
export function toDeviceError(error: unknown, serial: string, doing: string): Error {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (UNAUTHORIZED.test(message)) {
    return new AppError('device_unauthorized', `${serial} is unauthorized: accept the USB debugging prompt on the phone.`, { cause: error });
  }
  if (GONE.test(message) || (error as { code?: unknown })?.code === 'ECONNRESET') {
    return new AppError('device_gone', `The phone ${serial} disconnected (while ${doing}).`, { retryable: true, cause: error });
  }
  return new AppError('io', `Could not ${doing} on ${serial}: ${message}`, { cause: error });
}
