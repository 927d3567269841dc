// A raw DEFLATE (RFC 1951) decoder: the package's modules ship compressed
// inside JS (see load.js), and unpacking them must be synchronous, which
// DecompressionStream is not. Canonical Huffman codes are decoded one bit
// at a time, as zlib's "puff" does: slow per bit, but the modules are small.

// Base values and extra bits of the length (257..285) and distance codes.
const LENGTH_BASE = [];
const LENGTH_EXTRA = [];
const DIST_BASE = [];
const DIST_EXTRA = [];
for (let i = 0, base = 3; i < 28; i++) {
  LENGTH_EXTRA.push(i < 8 ? 0 : (i - 4) >> 2);
  LENGTH_BASE.push(base);
  base += 1 << LENGTH_EXTRA[i];
}
LENGTH_BASE.push(258);
LENGTH_EXTRA.push(0);
for (let i = 0, base = 1; i < 30; i++) {
  DIST_EXTRA.push(i < 4 ? 0 : (i - 2) >> 1);
  DIST_BASE.push(base);
  base += 1 << DIST_EXTRA[i];
}
// The order in which a dynamic block gives its code-length code lengths.
const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

// A canonical Huffman code from each symbol's code length (0: unused).
function huffman(lengths) {
  const counts = new Uint16Array(16);
  const offsets = new Uint16Array(16);
  const symbols = new Uint16Array(lengths.length);
  for (const length of lengths) counts[length]++;
  counts[0] = 0;
  for (let length = 1; length < 16; length++) offsets[length] = offsets[length - 1] + counts[length - 1];
  lengths.forEach((length, symbol) => {
    if (length) symbols[offsets[length]++] = symbol;
  });
  return { counts, symbols };
}

const FIXED_LITERALS = huffman(Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)));
const FIXED_DISTANCES = huffman(new Array(30).fill(5));

/** The bytes `data` (raw DEFLATE, no zlib or gzip header) decompresses to. */
export function inflate(data) {
  const out = [];
  let at = 0; // in bits
  const bits = (n) => {
    let value = 0;
    for (let i = 0; i < n; i++, at++) {
      if (at >= data.length * 8) throw new Error("compressed data ends early");
      value |= ((data[at >> 3] >> (at & 7)) & 1) << i;
    }
    return value;
  };
  const decode = ({ counts, symbols }) => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length < 16; length++) {
      code |= bits(1);
      const count = counts[length];
      if (code - first < count) return symbols[index + code - first];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Error("invalid Huffman code");
  };
  let last;
  do {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      at = (at + 7) & ~7;
      const length = bits(16);
      if ((length ^ 0xffff) !== bits(16)) throw new Error("stored block length mismatch");
      for (let i = 0; i < length; i++) out.push(bits(8));
      continue;
    }
    if (type === 3) throw new Error("invalid block type");
    let literals = FIXED_LITERALS;
    let distances = FIXED_DISTANCES;
    if (type === 2) {
      const literalCount = bits(5) + 257;
      const distanceCount = bits(5) + 1;
      const codeLengths = new Array(19).fill(0);
      for (let i = 0, n = bits(4) + 4; i < n; i++) codeLengths[ORDER[i]] = bits(3);
      const lengthCode = huffman(codeLengths);
      const lengths = [];
      while (lengths.length < literalCount + distanceCount) {
        const symbol = decode(lengthCode);
        if (symbol < 16) {
          lengths.push(symbol);
        } else {
          if (symbol === 16 && !lengths.length) throw new Error("repeat with no length before it");
          const repeated = symbol === 16 ? lengths[lengths.length - 1] : 0;
          const times = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7);
          for (let i = 0; i < times; i++) lengths.push(repeated);
        }
      }
      literals = huffman(lengths.slice(0, literalCount));
      distances = huffman(lengths.slice(literalCount, literalCount + distanceCount));
    }
    for (;;) {
      const symbol = decode(literals);
      if (symbol < 256) {
        out.push(symbol);
      } else if (symbol === 256) {
        break;
      } else {
        const i = symbol - 257;
        if (i >= 29) throw new Error("invalid length code");
        const length = LENGTH_BASE[i] + bits(LENGTH_EXTRA[i]);
        const d = decode(distances);
        if (d >= 30) throw new Error("invalid distance code");
        const distance = DIST_BASE[d] + bits(DIST_EXTRA[d]);
        if (distance > out.length) throw new Error("distance before the start");
        for (let k = 0; k < length; k++) out.push(out[out.length - distance]);
      }
    }
  } while (!last);
  return new Uint8Array(out);
}
