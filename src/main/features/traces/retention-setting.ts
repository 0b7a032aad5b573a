// The retention setting (Settings.traces: 0 = no limit) as the store's policy.
import type { RetentionPolicy } from '../../../shared/traces/summary';

export function policyFromSetting(setting: { keepLast: number; keepDays: number }): RetentionPolicy | null {
  const policy: RetentionPolicy = {
    ...(setting.keepLast > 0 ? { keepLast: setting.keepLast } : {}),
    ...(setting.keepDays > 0 ? { keepDays: setting.keepDays } : {}),
  };
  return Object.keys(policy).length ? policy : null;
}
