import { execFile } from 'node:child_process';

/** Size and decoded frame count of a file's first video stream, by the real ffprobe. */
export function ffprobeFrames(file: string): Promise<{ width: number; height: number; frames: number }> {
  return new Promise((resolve, reject) => {
    execFile('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,nb_read_frames', '-of', 'json', file], (error, stdout) => {
      if (error) return reject(error);
      const s = JSON.parse(stdout).streams[0];
      resolve({ width: s.width, height: s.height, frames: Number(s.nb_read_frames) });
    });
  });
}
