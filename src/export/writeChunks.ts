// Streams text chunks to a file, waiting for the disk when the stream's buffer is full.
import { createWriteStream } from "node:fs";

/** Rejects on any write error (a folder at `path`, a full disk), never leaving an unhandled 'error' event. */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  let failed: Error | undefined;
  const failure = new Promise<never>((_, reject) =>
    stream.once("error", (err) => {
      failed = err;
      reject(err);
    }),
  );
  failure.catch(() => {});
  for (const chunk of chunks) {
    if (failed) throw failed;
    if (!stream.write(chunk)) await Promise.race([new Promise<void>((r) => stream.once("drain", () => r())), failure]);
  }
  await Promise.race([new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve()))), failure]);
}
