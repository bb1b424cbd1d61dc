/**
 * Bounded reading: an .xlsx is a zip, and a 1 MB zip can inflate to gigabytes (a zip bomb kills the
 * tab before any message). Before SheetJS inflates anything, the central directory's declared sizes
 * are checked, then every part is inflated once as a stream with a running count that stops at the
 * limit — declared sizes can lie. Uses the platform's DecompressionStream (Chrome ≥ 103, Node ≥ 18).
 */
import { formatSize } from '../model/format';
import { UnreadableFileError } from './errors';

/** What the parts of one file may inflate to, in all. A 40 000-unit province file is ~60 MB. */
export const MAX_INFLATED_BYTES = 150 * 1024 * 1024;
const MB = 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  declared: number;
  localOffset: number;
}

const damaged = (fileName: string, why: string) => new UnreadableFileError(`文件“${fileName}”已损坏，无法读取：${why}。`);

function centralDirectory(b: Uint8Array, fileName: string): Entry[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(fileName, '找不到压缩包目录（文件可能不完整）');
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || v.getUint32(p, true) !== 0x02014b50) throw damaged(fileName, '压缩包目录不完整');
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    let compressed = v.getUint32(p + 20, true);
    let declared = v.getUint32(p + 24, true);
    let localOffset = v.getUint32(p + 42, true);
    // ZIP64: the real sizes sit in extra field 0x0001, in this order, for the fields that are 0xFFFFFFFF.
    if (compressed === 0xffffffff || declared === 0xffffffff || localOffset === 0xffffffff) {
      let x = p + 46 + nameLen;
      const end = x + extraLen;
      while (x + 4 <= end) {
        const id = v.getUint16(x, true);
        const len = v.getUint16(x + 2, true);
        if (id === 1) {
          let q = x + 4;
          const next = () => {
            const n = Number(v.getBigUint64(q, true));
            q += 8;
            return n;
          };
          if (declared === 0xffffffff) declared = next();
          if (compressed === 0xffffffff) compressed = next();
          if (localOffset === 0xffffffff) localOffset = next();
        }
        x += 4 + len;
      }
    }
    entries.push({ name, method: v.getUint16(p + 10, true), compressed, declared, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function tooBig(fileName: string, what: string): UnreadableFileError {
  return new UnreadableFileError(
    `文件“${fileName}”${what}，超过了可安全读取的 ${MAX_INFLATED_BYTES / MB} MB 上限，未读取（可能是损坏或恶意构造的文件）。请在 Excel 中删除多余的工作表或空行后另存再导入。`,
  );
}

/** Inflate one part as a stream, counting; stops as soon as the running total passes `budget`. `keep` collects the bytes. */
async function inflatedSize(data: Uint8Array, budget: number, keep?: Uint8Array[]): Promise<number> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw' as CompressionFormat));
  const reader = stream.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
    keep?.push(value);
    if (n > budget) {
      await reader.cancel();
      return n;
    }
  }
}

export type InflateProgress = (inflatedBytes: number, part: string) => void;

/**
 * Throws (in Chinese, naming the file) when the zip is damaged or would inflate past the limit.
 * Reports progress per part. The parts `keep` accepts (by name and declared size) are returned
 * inflated, so a reader that needs a few of them does not inflate them a second time.
 */
export async function guardZip(bytes: Uint8Array, fileName: string, onProgress?: InflateProgress, keep?: (name: string, declared: number) => boolean): Promise<Map<string, Uint8Array>> {
  const kept = new Map<string, Uint8Array>();
  const entries = centralDirectory(bytes, fileName);
  const declared = entries.reduce((s, e) => s + e.declared, 0);
  if (declared > MAX_INFLATED_BYTES) {
    const biggest = entries.reduce((a, e) => (e.declared > a.declared ? e : a));
    throw tooBig(fileName, `解压后有 ${formatSize(declared)}（其中“${biggest.name}”${formatSize(biggest.declared)}）`);
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const e of entries) {
    const h = e.localOffset;
    if (h + 30 > bytes.length || v.getUint32(h, true) !== 0x04034b50) throw damaged(fileName, `“${e.name}”的位置不正确`);
    const start = h + 30 + v.getUint16(h + 26, true) + v.getUint16(h + 28, true);
    if (start + e.compressed > bytes.length) throw damaged(fileName, `“${e.name}”不完整`);
    const wanted = keep?.(e.name, e.declared) && !kept.has(e.name);
    if (e.method === 0) {
      total += e.compressed;
      if (total > MAX_INFLATED_BYTES) throw tooBig(fileName, `的内容超过 ${formatSize(total)}`);
      if (wanted) kept.set(e.name, bytes.subarray(start, start + e.compressed));
      continue;
    }
    if (e.method !== 8) throw damaged(fileName, `“${e.name}”使用了不支持的压缩方式`);
    let size: number;
    const chunks: Uint8Array[] | undefined = wanted ? [] : undefined;
    try {
      size = await inflatedSize(bytes.subarray(start, start + e.compressed), MAX_INFLATED_BYTES - total, chunks);
    } catch {
      throw damaged(fileName, `“${e.name}”无法解压`);
    }
    total += size;
    if (total > MAX_INFLATED_BYTES) throw tooBig(fileName, `的“${e.name}”解压后超过 ${formatSize(size)}（文件声明仅 ${formatSize(e.declared)}）`);
    if (chunks) kept.set(e.name, joined(chunks, size));
    onProgress?.(total, e.name);
  }
  return kept;
}

function joined(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The parts named, inflated (after guardZip has passed the file): name → bytes, absent when the
 * zip has no such part. For reading a workbook file's model without a spreadsheet library.
 */
export async function readZipParts(bytes: Uint8Array, fileName: string, names: readonly string[]): Promise<Map<string, Uint8Array>> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Uint8Array>();
  for (const e of centralDirectory(bytes, fileName)) {
    if (!names.includes(e.name) || out.has(e.name)) continue;
    const h = e.localOffset;
    const start = h + 30 + v.getUint16(h + 26, true) + v.getUint16(h + 28, true);
    const data = bytes.subarray(start, start + e.compressed);
    if (e.method === 0) out.set(e.name, data);
    else {
      try {
        out.set(e.name, new Uint8Array(await new Response(new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw' as CompressionFormat))).arrayBuffer()));
      } catch {
        throw damaged(fileName, `“${e.name}”无法解压`);
      }
    }
  }
  return out;
}
