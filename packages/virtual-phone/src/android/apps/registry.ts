// The installed apps, in launcher order.
import type { AppDefinition } from './app';
import { clockApp } from './clock-app';
import { contactsApp } from './contacts-app';
import { launcherApp } from './launcher-app';
import { messagesApp } from './messages-app';
import { settingsApp } from './settings-app';
import { shopApp } from './shop-app';

export function installedAppDefinitions(): AppDefinition[] {
  return [launcherApp, messagesApp, contactsApp, clockApp, settingsApp, shopApp];
}
