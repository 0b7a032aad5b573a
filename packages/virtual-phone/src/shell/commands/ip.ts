// `ip addr` (iproute2): lo, and wlan0 holding the address the host reaches this phone at while
// its Wi-Fi is on (settings global wifi_on). Apps read the phone's Wi-Fi address from
// `ip -f inet addr show wlan0` before `adb tcpip` + `adb connect ADDR:PORT`; the simulated
// phone's "network" is loopback, so that address is the loopback one it listens on.
import { writeLine, type CommandContext, type ShellCommand } from '../command-context';

type Family = 'inet' | 'inet6';

interface Address {
  family: Family;
  /** What follows the address on its line: `brd ... scope ...`. */
  line: string;
}

interface Interface {
  index: number;
  name: string;
  header: string;
  link: string;
  addresses: Address[];
}

function interfaces(ctx: CommandContext): Interface[] {
  const lo: Interface = {
    index: 1,
    name: 'lo',
    header: '<LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    link: 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    addresses: [
      { family: 'inet', line: '127.0.0.1/8 scope host lo' },
      { family: 'inet6', line: '::1/128 scope host' },
    ],
  };
  const wifiOn = ctx.device.android.getSetting('global', 'wifi_on') === '1';
  const address = ctx.device.network.address;
  const wlan: Interface = {
    index: 30,
    name: 'wlan0',
    header: wifiOn
      ? '<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 3000'
      : '<BROADCAST,MULTICAST> mtu 1500 qdisc mq state DOWN group default qlen 3000',
    link: 'link/ether 02:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff',
    addresses: !wifiOn ? [] : address.includes(':')
      ? [{ family: 'inet6', line: `${address}/128 scope global` }]
      : [{ family: 'inet', line: `${address}/8 brd 127.255.255.255 scope global wlan0` }],
  };
  return [lo, wlan];
}

/** iproute2's layout; with a family filter, link lines go and interfaces without such an address too. */
function format(iface: Interface, family: Family | null): string[] {
  const addresses = iface.addresses.filter((a) => family === null || a.family === family);
  if (family !== null && addresses.length === 0) return [];
  const lines = [`${iface.index}: ${iface.name}: ${iface.header}`];
  if (family === null) lines.push(`    ${iface.link}`);
  for (const a of addresses) {
    lines.push(`    ${a.family} ${a.line}`, '       valid_lft forever preferred_lft forever');
  }
  return lines;
}

const FAMILIES: Record<string, Family> = { inet: 'inet', inet6: 'inet6' };

const ip: ShellCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  let family: Family | null = null;
  while (args[0]?.startsWith('-')) {
    const option = args.shift()!;
    if (option === '-4' || option === '-6') family = option === '-4' ? 'inet' : 'inet6';
    else if (option === '-f' || option === '-family') {
      const name = args.shift() ?? '';
      if (!Object.hasOwn(FAMILIES, name)) {
        writeLine(ctx.stderr, `Error: argument "${name}" is wrong: invalid address family`);
        return 255;
      }
      family = FAMILIES[name];
    } else {
      writeLine(ctx.stderr, `Option "${option}" is unknown, try "ip -help".`);
      return 255;
    }
  }
  const object = args.shift();
  if (object === undefined || !['a', 'addr', 'address'].includes(object)) {
    // Routes, links, neighbours... are not simulated.
    writeLine(ctx.stderr, object === undefined ? 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }' : `Object "${object}" is unknown, try "ip help".`);
    return object === undefined ? 255 : 1;
  }
  if (args[0] !== undefined && ['show', 'list', 'lst', 'ls', 's', 'sh'].includes(args[0])) args.shift();
  if (args[0] === 'dev') args.shift();
  const name = args[0];
  const all = interfaces(ctx);
  const chosen = name === undefined ? all : all.filter((i) => i.name === name);
  if (chosen.length === 0) {
    writeLine(ctx.stderr, `Device "${name}" does not exist.`);
    return 1;
  }
  for (const line of chosen.flatMap((i) => format(i, family))) writeLine(ctx.stdout, line);
  return 0;
};

export const ipCommands: Record<string, ShellCommand> = { ip };
