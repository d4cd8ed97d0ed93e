// CRC-32 as in zlib, PNG and Python's zlib.crc32 (reflected polynomial 0xEDB88320,
// initial value and final xor 0xFFFFFFFF); crc32("123456789") is 0xCBF43926.
const table = buildTable();

function buildTable(): Uint32Array {
  const entries = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    entries[n] = c >>> 0;
  }
  return entries;
}

// The CRC-32 of some bytes as an unsigned 32-bit number.
export function computeCrc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (table[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
