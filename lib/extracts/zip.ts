import { Zip, ZipDeflate } from "fflate";

/**
 * A ZIP written entry by entry as its data arrives (fflate's streaming Zip with synchronous DEFLATE): each input
 * chunk is compressed and handed on at once, so a large CSV passes through with flat memory. An entry's data is
 * produced only when the previous entries are done, so a manifest written last can describe the CSV before it.
 */
export interface ZipEntry {
  name: string;
  data: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

export async function* zipChunks(entries: readonly ZipEntry[]): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else if (chunk.length) ready.push(chunk);
  });
  const drain = function* () {
    if (failure) throw failure;
    while (ready.length) yield ready.shift()!;
  };
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 6 });
    zip.add(file);
    for await (const chunk of entry.data()) {
      file.push(chunk);
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

export const textChunk = (text: string) => [new TextEncoder().encode(text)];
