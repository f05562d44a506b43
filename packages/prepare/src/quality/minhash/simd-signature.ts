/**
 * `minHashSignature` on WebAssembly SIMD: four permutations per 128-bit lane group (`i32x4.mul`, `i32x4.add`,
 * `i32x4.min_u`), the same values as the JavaScript loop. MinHash is the largest cost of near-duplicate detection
 * (128 multiply-adds per shingle); JavaScript has no vector types.
 *
 * The module is one small function, assembled here byte by byte from the text below rather than shipped as an opaque
 * binary or built by a WebAssembly toolchain:
 *
 *   (func (export "signature") (param $a i32) (param $b i32) (param $out i32) (param $sh i32) (param $n i32)
 *         (param $aEnd i32) (local $j i32) (local $shEnd i32) (local $m v128) (local $va v128) (local $vb v128)
 *     $shEnd = $sh + $n * 4
 *     block $done loop $perm                          ;; four permutations per round
 *       br_if $done ($a >= $aEnd)
 *       $va = v128.load $a   $vb = v128.load $b   $m = all ones   $j = $sh
 *       block $last loop $shingle
 *         br_if $last ($j >= $shEnd)
 *         $m = i32x4.min_u($m, i32x4.add(i32x4.mul($va, i32x4.splat(i32.load $j)), $vb))
 *         $j += 4   br $shingle
 *       end end
 *       v128.store $out $m   $a += 16   $b += 16   $out += 16   br $perm
 *     end end)
 *
 * Memory: the a parameters, the b parameters, the signature (4 bytes per permutation each), then the shingles.
 */

const I32 = 0x7f;
const V128 = 0x7b;

/** Unsigned LEB128, as WebAssembly encodes sizes, indexes and offsets. */
function leb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** A section: its id, then its length-prefixed contents. */
function section(id: number, contents: number[]): number[] {
  return [id, ...leb(contents.length), ...contents];
}

function name(text: string): number[] {
  return [...leb(text.length), ...[...text].map((c) => c.charCodeAt(0))];
}

// Locals by index: the six parameters, then $j, $shEnd, $m, $va, $vb.
const [A, B, OUT, SH, N, A_END, J, SH_END, M, VA, VB] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const i32Const = (value: number) => [0x41, ...leb(value)]; // small non-negative values only (signed LEB128 agrees)
const I32_ADD = [0x6a];
const I32_SHL = [0x74];
const I32_GE_U = [0x4f];
const I32_LOAD = [0x28, 2, 0]; // alignment 2^2, offset 0
const BLOCK = [0x02, 0x40]; // no result
const LOOP = [0x03, 0x40];
const END = [0x0b];
const brIf = (depth: number) => [0x0d, depth];
const br = (depth: number) => [0x0c, depth];
const simd = (opcode: number, ...immediates: number[]) => [0xfd, ...leb(opcode), ...immediates];
const V128_LOAD = simd(0x00, 4, 0); // alignment 2^4, offset 0
const V128_STORE = simd(0x0b, 4, 0);
const V128_ALL_ONES = simd(0x0c, ...new Array<number>(16).fill(0xff));
const I32X4_SPLAT = simd(0x11);
const I32X4_ADD = simd(0xae);
const I32X4_MUL = simd(0xb5);
const I32X4_MIN_U = simd(0xb7);
const advance = (local: number, bytes: number) => [...get(local), ...i32Const(bytes), ...I32_ADD, ...set(local)];

const body = [
  ...[...get(SH), ...get(N), ...i32Const(2), ...I32_SHL, ...I32_ADD, ...set(SH_END)],
  ...BLOCK,
  ...LOOP,
  ...[...get(A), ...get(A_END), ...I32_GE_U, ...brIf(1)],
  ...[...get(A), ...V128_LOAD, ...set(VA), ...get(B), ...V128_LOAD, ...set(VB)],
  ...[...V128_ALL_ONES, ...set(M), ...get(SH), ...set(J)],
  ...BLOCK,
  ...LOOP,
  ...[...get(J), ...get(SH_END), ...I32_GE_U, ...brIf(1)],
  ...[...get(M), ...get(VA), ...get(J), ...I32_LOAD, ...I32X4_SPLAT, ...I32X4_MUL, ...get(VB), ...I32X4_ADD],
  ...[...I32X4_MIN_U, ...set(M)],
  ...[...advance(J, 4), ...br(0)],
  ...END,
  ...END,
  ...[...get(OUT), ...get(M), ...V128_STORE],
  ...[...advance(A, 16), ...advance(B, 16), ...advance(OUT, 16), ...br(0)],
  ...END,
  ...END,
  ...END,
];

const locals = [2, 2, I32, 3, V128]; // two declarations: 2 × i32, 3 × v128

const MODULE = Uint8Array.from([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  ...section(1, [1, 0x60, 6, I32, I32, I32, I32, I32, I32, 0]), // one type: six i32 parameters, no result
  ...section(3, [1, 0]), // one function, of that type
  ...section(5, [1, 0x00, 1]), // one memory, one 64 KiB page to start, no maximum
  ...section(7, [2, ...name('signature'), 0x00, 0, ...name('memory'), 0x02, 0]),
  ...section(10, [1, ...leb(locals.length + body.length), ...locals, ...body]),
]);

type SignatureExport = (a: number, b: number, out: number, sh: number, n: number, aEnd: number) => void;

/** What is used of the WebAssembly global (the project's TypeScript libraries do not declare it). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
interface WebAssemblyMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Signatures for one set of permutations; undefined where WebAssembly SIMD is missing or `perms` is not a multiple of 4. */
export interface SimdSignature {
  signature(shingles: Uint32Array, count: number, out: Uint32Array): Uint32Array;
}

const PAGE = 65536;

export function createSimdSignature(params: { a: Uint32Array; b: Uint32Array }): SimdSignature | undefined {
  const perms = params.a.length;
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (perms === 0 || perms % 4 !== 0 || !wasm?.validate(MODULE)) return undefined;
  const { exports } = new wasm.Instance(new wasm.Module(MODULE));
  const memory = exports.memory as WebAssemblyMemory;
  const run = exports.signature as SignatureExport;
  const bytes = perms * 4;
  const [aAt, bAt, outAt, shinglesAt] = [0, bytes, 2 * bytes, 3 * bytes];
  let words = new Uint32Array(memory.buffer);
  const fit = (shingles: number) => {
    const needed = shinglesAt + shingles * 4;
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
      words = new Uint32Array(memory.buffer); // growing detaches the old view
    }
  };
  fit(0);
  words.set(params.a, aAt / 4);
  words.set(params.b, bAt / 4);
  return {
    signature(shingles, count, out) {
      fit(count);
      words.set(shingles.subarray(0, count), shinglesAt / 4);
      run(aAt, bAt, outAt, shinglesAt, count, bAt);
      out.set(words.subarray(outAt / 4, outAt / 4 + perms));
      return out;
    },
  };
}
