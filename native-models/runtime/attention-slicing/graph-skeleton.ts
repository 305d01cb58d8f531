// A model file whose weights are inside its graph (every ONNX under 2 GB that an exporter wrote as one file, like
// an fp16 SD 1.5 UNet of 1.7 GB) read as a skeleton: the protobuf walked field by field from disk, each large
// initializer's raw bytes skipped and replaced by an external-data reference to the same bytes in the same file
// (location = the file's own name, offset, length). The skeleton is a few MB, so it can be rewritten in memory, and
// ONNX Runtime still reads the weights straight from the model file — nothing is read twice or copied into JS.
import fs from 'node:fs/promises';
import path from 'node:path';

/** Initialisers with fewer raw bytes than this stay inline (scales, shapes): not worth a reference each. */
const INLINE_BELOW_BYTES = 4096;
const CHUNK = 1 << 20;

// ONNX field numbers (onnx.proto3): ModelProto.graph, GraphProto.initializer, TensorProto's raw_data / external_data / data_location
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const EXTERNAL = 1;

const WIRE_VARINT = 0;
const WIRE_64 = 1;
const WIRE_BYTES = 2;
const WIRE_32 = 5;

/** Reads a file forward in 1 MiB chunks; `skip` moves past bytes without reading them. */
class FileCursor {
  private buffer = Buffer.alloc(0);
  private bufferStart = 0;
  position = 0;

  constructor(
    private readonly handle: fs.FileHandle,
    readonly size: number,
  ) {}

  private async ensure(count: number): Promise<void> {
    const end = this.position + count;
    if (end > this.size) throw new Error(`truncated protobuf: needs byte ${end}, the file has ${this.size}`);
    if (this.position >= this.bufferStart && end <= this.bufferStart + this.buffer.length) return;
    const length = Math.min(Math.max(count, CHUNK), this.size - this.position);
    const chunk = Buffer.alloc(length);
    await this.handle.read(chunk, 0, length, this.position);
    this.buffer = chunk;
    this.bufferStart = this.position;
  }

  async bytes(count: number): Promise<Buffer> {
    await this.ensure(count);
    const start = this.position - this.bufferStart;
    this.position += count;
    return Buffer.from(this.buffer.subarray(start, start + count));
  }

  async varint(): Promise<{ value: number; bytes: Buffer }> {
    await this.ensure(Math.min(10, this.size - this.position));
    const start = this.position - this.bufferStart;
    let value = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
      const byte = this.buffer[start + k]!;
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) {
        this.position += k + 1;
        return { value, bytes: Buffer.from(this.buffer.subarray(start, start + k + 1)) };
      }
    }
    throw new Error(`malformed varint at byte ${this.position}`);
  }

  skip(count: number): void {
    if (this.position + count > this.size) throw new Error(`truncated protobuf: field runs past the end of the file at byte ${this.position}`);
    this.position += count;
  }
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Buffer.from(out);
}

function lengthDelimited(field: number, payload: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | WIRE_BYTES), varint(payload.length), payload]);
}

function stringEntry(key: string, value: string): Buffer {
  return lengthDelimited(TENSOR_EXTERNAL_DATA, Buffer.concat([lengthDelimited(1, Buffer.from(key)), lengthDelimited(2, Buffer.from(value))]));
}

interface Field {
  number: number;
  wire: number;
  /** The key's bytes, and for length-delimited fields the length's. */
  header: Buffer;
  /** Payload length of a length-delimited field; its payload starts at the cursor. */
  length: number;
}

async function readField(cursor: FileCursor): Promise<Field> {
  const key = await cursor.varint();
  const number = Math.floor(key.value / 8);
  const wire = key.value % 8;
  if (wire !== WIRE_BYTES) return { number, wire, header: key.bytes, length: 0 };
  const length = await cursor.varint();
  return { number, wire, header: Buffer.concat([key.bytes, length.bytes]), length: length.value };
}

/** The rest of a field that is not rewritten, as it is in the file. */
async function copyRest(cursor: FileCursor, field: Field): Promise<Buffer> {
  switch (field.wire) {
    case WIRE_VARINT:
      return Buffer.concat([field.header, (await cursor.varint()).bytes]);
    case WIRE_64:
      return Buffer.concat([field.header, await cursor.bytes(8)]);
    case WIRE_32:
      return Buffer.concat([field.header, await cursor.bytes(4)]);
    case WIRE_BYTES:
      return Buffer.concat([field.header, await cursor.bytes(field.length)]);
    default:
      throw new Error(`unsupported protobuf wire type ${field.wire} at byte ${cursor.position}`);
  }
}

/** One initializer: copied as it is, or with its raw bytes replaced by a reference to where they lie in `fileName`. */
async function tensorSkeleton(cursor: FileCursor, end: number, fileName: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let external: Buffer | undefined;
  while (cursor.position < end) {
    const field = await readField(cursor);
    if (field.number === TENSOR_RAW_DATA && field.wire === WIRE_BYTES && field.length >= INLINE_BELOW_BYTES) {
      external = Buffer.concat([stringEntry('location', fileName), stringEntry('offset', String(cursor.position)), stringEntry('length', String(field.length))]);
      cursor.skip(field.length);
    } else {
      parts.push(await copyRest(cursor, field));
    }
  }
  // data_location is appended after any the tensor had: protobuf keeps the last value of a repeated scalar field
  if (external) parts.push(external, varint((TENSOR_DATA_LOCATION << 3) | WIRE_VARINT), varint(EXTERNAL));
  return Buffer.concat(parts);
}

async function graphSkeleton(cursor: FileCursor, end: number, fileName: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  while (cursor.position < end) {
    const field = await readField(cursor);
    if (field.number === GRAPH_INITIALIZER && field.wire === WIRE_BYTES) parts.push(lengthDelimited(GRAPH_INITIALIZER, await tensorSkeleton(cursor, cursor.position + field.length, fileName)));
    else parts.push(await copyRest(cursor, field));
  }
  return Buffer.concat(parts);
}

/** The ModelProto of `modelPath` with its large initialisers as references into the file itself. */
export async function readGraphSkeleton(modelPath: string): Promise<Buffer> {
  const handle = await fs.open(modelPath, 'r');
  try {
    const cursor = new FileCursor(handle, (await handle.stat()).size);
    const parts: Buffer[] = [];
    while (cursor.position < cursor.size) {
      const field = await readField(cursor);
      if (field.number === MODEL_GRAPH && field.wire === WIRE_BYTES) parts.push(lengthDelimited(MODEL_GRAPH, await graphSkeleton(cursor, cursor.position + field.length, path.basename(modelPath))));
      else parts.push(await copyRest(cursor, field));
    }
    return Buffer.concat(parts);
  } finally {
    await handle.close();
  }
}
