// Streams text chunks to a file, waiting for the disk when the stream's buffer is full; the file appears whole or not at all.
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Rejects on any write error (a folder at `path`, a full disk, a chunk that cannot be made), never leaving an
 * unhandled 'error' event. The text goes to a temporary file beside `path`, renamed over it once complete:
 * a failed write leaves a file that was at `path` as it was.
 */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await streamTo(temp, chunks);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    throw err;
  }
}

async function streamTo(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  let failed: Error | undefined;
  const failure = new Promise<never>((_, reject) =>
    stream.once("error", (err) => {
      failed = err;
      reject(err);
    }),
  );
  failure.catch(() => {});
  try {
    for (const chunk of chunks) {
      if (failed) throw failed;
      if (!stream.write(chunk)) await Promise.race([new Promise<void>((r) => stream.once("drain", () => r())), failure]);
    }
  } catch (err) {
    // Close the temporary file before it is removed.
    if (!stream.closed) await new Promise<void>((resolve) => stream.once("close", () => resolve()).destroy());
    throw err;
  }
  await Promise.race([new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve()))), failure]);
}
