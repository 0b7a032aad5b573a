// A stand-in scrcpy server file: the simulated phone runs whatever jar is pushed, and the version
// file beside it (what an installed scrcpy ships) names the wire format it speaks.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes FOLDER/scrcpy-server and its .version file; returns the server file's path. */
export async function writeStandInServer(folder: string, version = '3.3.4'): Promise<string> {
  await mkdir(folder, { recursive: true });
  const serverFile = join(folder, 'scrcpy-server');
  // The first line is how the simulated phone learns the version, as a real jar has it compiled in.
  await writeFile(serverFile, `simulated scrcpy server ${version}\n`);
  await writeFile(join(folder, 'scrcpy-server.version'), `${version}\n`);
  return serverFile;
}
