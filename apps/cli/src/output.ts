import { SingleBar, Presets } from 'cli-progress';
import type { ImportProgress } from '@app/registry';

/** What a command says to the person running it (logs stay quiet in the CLI). */
export function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** A progress bar on a terminal; plain lines when the output is a file or a pipe. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ImportProgress {
  let bar: SingleBar | undefined;
  let step = '';
  let total = 0;
  let count = 0;
  return {
    start(name, size) {
      step = name;
      total = size;
      count = 0;
      if (size === 0) return;
      if (stream.isTTY) {
        bar = new SingleBar(
          { format: `${name} [{bar}] {value}/{total}`, stream },
          Presets.shades_classic,
        );
        bar.start(size, 0);
      } else {
        stream.write(`${name}: ${size} to write\n`);
      }
    },
    advance(n) {
      count += n;
      if (bar) bar.increment(n);
      else stream.write(`${step}: ${count}/${total}\n`);
    },
    done() {
      bar?.stop();
      bar = undefined;
    },
  };
}
