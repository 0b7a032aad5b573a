import { describe, expect, it } from 'vitest';
import {
  connectionType, isNetworkSerial, parseBattery, parseGetprop, parseHostPort, parseWlanAddress, parseWmSize, stateHint, toDeviceState,
} from '../../../../src/main/phone/adb/device-info';

describe('device output parsers', () => {
  it('parses getprop', () => {
    const props = parseGetprop('[ro.product.model]: [Pixel 8]\n[ro.build.version.release]: [14]\r\n[empty]: []\ngarbage\n');
    expect(props).toEqual({ 'ro.product.model': 'Pixel 8', 'ro.build.version.release': '14', empty: '' });
  });

  it('prefers the override size of wm size', () => {
    expect(parseWmSize('Physical size: 1080x2400\n')).toEqual({ width: 1080, height: 2400 });
    expect(parseWmSize('Physical size: 1080x2400\nOverride size: 720x1600\n')).toEqual({ width: 720, height: 1600 });
    expect(parseWmSize('error: no display\n')).toBeUndefined();
  });

  it('parses dumpsys battery', () => {
    const text = `Current Battery Service state:
  AC powered: false
  USB powered: true
  Wireless powered: false
  status: 2
  level: 85
  scale: 100
`;
    expect(parseBattery(text)).toEqual({ level: 85, charging: true });
    expect(parseBattery('  AC powered: false\n  USB powered: false\n  status: 3\n  level: 40\n  scale: 50\n')).toEqual({ level: 80, charging: false });
    expect(parseBattery('Can\'t find service: battery\n')).toBeUndefined();
  });

  it('reads the Wi-Fi address', () => {
    const text = '30: wlan0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n    inet 192.168.1.23/24 brd 192.168.1.255 scope global wlan0\n';
    expect(parseWlanAddress(text)).toBe('192.168.1.23');
    expect(parseWlanAddress('Device "wlan0" does not exist.')).toBeUndefined();
  });
});

describe('states and connection types', () => {
  it('maps adb states and gives a hint for each unusable one', () => {
    expect(toDeviceState('device')).toBe('device');
    expect(toDeviceState('unauthorized')).toBe('unauthorized');
    expect(toDeviceState('authorizing')).toBe('other');
    expect(stateHint('device', 'usb')).toBeUndefined();
    expect(stateHint('unauthorized', 'usb')).toMatch(/Allow USB debugging/);
    expect(stateHint('offline', 'usb')).toMatch(/replug/);
    expect(stateHint('offline', 'wifi')).toMatch(/same network/);
    expect(stateHint('offline', 'simulated')).toMatch(/simulated phone stopped answering/);
    expect(stateHint('no permissions (user in plugdev group)', 'usb')).toMatch(/udev/);
    expect(stateHint('recovery', 'usb')).toMatch(/recovery mode/);
  });

  it('recognises network serials', () => {
    expect(isNetworkSerial('192.168.1.5:5555')).toBe(true);
    expect(isNetworkSerial('adb-R58M123-abc._adb-tls-connect._tcp')).toBe(true);
    expect(isNetworkSerial('R58M123ABC')).toBe(false);
    expect(isNetworkSerial('emulator-5554')).toBe(false);
  });

  it('classifies connections, recognising the simulated phone by property or model', () => {
    expect(connectionType('R58M123ABC', { remote: false })).toBe('usb');
    expect(connectionType('10.0.0.2:5555', { remote: false })).toBe('wifi');
    expect(connectionType('R58M123ABC', { remote: true })).toBe('remote');
    expect(connectionType('127.0.0.1:40001', { remote: false, props: { 'ro.product.model': 'PhonePilot Virtual' } })).toBe('simulated');
    expect(connectionType('127.0.0.1:40001', { remote: true, props: { 'ro.phonepilot.virtual': '1', 'ro.product.model': 'X' } })).toBe('simulated');
    expect(connectionType('127.0.0.1:40001', { remote: false, props: { 'ro.product.name': 'phonepilot_virtual', 'ro.product.model': 'Renamed' } })).toBe('simulated');
  });

  it('classifies the port `adb tcpip` opened on the simulated phone as its Wi-Fi side', () => {
    const props = { 'ro.product.model': 'PhonePilot Virtual', 'service.adb.tcp.port': '40123' };
    expect(connectionType('127.0.0.1:40123', { remote: false, props })).toBe('wifi');
    expect(connectionType('127.0.0.1:40123', { remote: true, props })).toBe('remote');
    // Its own port still stands for the cable; so does every port while it is USB only.
    expect(connectionType('127.0.0.1:40001', { remote: false, props })).toBe('simulated');
    expect(connectionType('127.0.0.1:40001', { remote: false, props: { ...props, 'service.adb.tcp.port': '' } })).toBe('simulated');
    expect(connectionType('127.0.0.1:40001', { remote: false, props: { 'ro.product.model': 'PhonePilot Virtual' } })).toBe('simulated');
  });

  it('validates host:port input', () => {
    expect(parseHostPort('192.168.1.5:37011')).toEqual({ host: '192.168.1.5', port: 37011 });
    expect(parseHostPort('phone.lan', 5555)).toEqual({ host: 'phone.lan', port: 5555 });
    expect(() => parseHostPort('phone.lan')).toThrow(RangeError);
    expect(() => parseHostPort('1.2.3.4:5555; rm -rf /')).toThrow(RangeError);
    expect(() => parseHostPort('1.2.3.4:70000')).toThrow(RangeError);
  });
});
