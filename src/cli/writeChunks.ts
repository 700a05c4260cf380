// Streams text chunks to a file, waiting for the disk when the stream's buffer is full.
import { createWriteStream } from "node:fs";

export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await new Promise<void>((r) => stream.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
