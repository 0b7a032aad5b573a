// LogUtils.buildDisplayListMessage: the displays a server can mirror (the phone has one).
import type { SimulatedAndroid } from '../android/types';

export function displayListMessage(android: Pick<SimulatedAndroid, 'size'>): string {
  const { width, height } = android.size;
  return `List of displays:\n    --display-id=0    (${width}x${height})`;
}
