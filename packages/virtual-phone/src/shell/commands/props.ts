// getprop / setprop and `wm size|density`.
import { writeLine, type ShellCommand } from '../command-context';

const getprop: ShellCommand = ({ argv, stdout, device }) => {
  if (argv.length < 2) {
    stdout.write(device.props.formatAll());
    return 0;
  }
  const value = device.props.get(argv[1]);
  writeLine(stdout, value || (argv[2] ?? ''));
  return 0;
};

const setprop: ShellCommand = ({ argv, stderr, device }) => {
  if (argv.length !== 3) {
    writeLine(stderr, 'usage: setprop NAME VALUE');
    return 1;
  }
  if (argv[1].startsWith('ro.') && device.props.get(argv[1])) {
    writeLine(stderr, `Failed to set property '${argv[1]}' to '${argv[2]}'.`);
    writeLine(stderr, 'See dmesg for error reason.');
    return 1;
  }
  device.props.set(argv[1], argv[2]);
  return 0;
};

const wm: ShellCommand = ({ argv, stdout, stderr, device }) => {
  const { options } = device.android;
  switch (argv[1]) {
    case 'size':
      if (argv[2] && argv[2] !== 'reset') {
        writeLine(stderr, 'Error: overriding the display size is not supported on this device');
        return 1;
      }
      writeLine(stdout, `Physical size: ${options.width}x${options.height}`);
      return 0;
    case 'density':
      if (argv[2] && argv[2] !== 'reset') {
        writeLine(stderr, 'Error: overriding the display density is not supported on this device');
        return 1;
      }
      writeLine(stdout, `Physical density: ${options.density}`);
      return 0;
    default:
      writeLine(stderr, argv[1] ? `Error: unknown command '${argv[1]}'` : 'Window manager (window) commands:');
      return argv[1] ? 255 : 0;
  }
};

export const propCommands: Record<string, ShellCommand> = { getprop, setprop, wm };
