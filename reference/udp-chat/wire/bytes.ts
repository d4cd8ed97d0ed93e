// Thrown when a frame's fields do not fit its length or hold invalid UTF-8.
export class MalformedError extends Error {
  readonly code = 'MALFORMED';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Builds a byte string field by field, integers in network byte order (big-endian).
export class ByteWriter {
  private readonly parts: Buffer[] = [];

  u8(value: number): this {
    const part = Buffer.alloc(1);
    part.writeUInt8(value);
    return this.push(part);
  }

  u32(value: number): this {
    const part = Buffer.alloc(4);
    part.writeUInt32BE(value);
    return this.push(part);
  }

  u64(value: number | bigint): this {
    const part = Buffer.alloc(8);
    part.writeBigUInt64BE(BigInt(value));
    return this.push(part);
  }

  // A string as a u16 byte length followed by its UTF-8 bytes.
  str16(value: string): this {
    const bytes = Buffer.from(value, 'utf8');
    if (bytes.length > 0xffff) throw new RangeError(`a string field holds at most 65535 bytes, got ${bytes.length}`);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(bytes.length);
    return this.push(length).push(bytes);
  }

  bytes(value: Uint8Array): this {
    return this.push(Buffer.from(value));
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }

  private push(part: Buffer): this {
    this.parts.push(part);
    return this;
  }
}

// Reads fields back in the order ByteWriter wrote them; any overrun is a MalformedError.
export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Buffer) {}

  u8(): number {
    return this.take(1).readUInt8(0);
  }

  u32(): number {
    return this.take(4).readUInt32BE(0);
  }

  u64(): bigint {
    return this.take(8).readBigUInt64BE(0);
  }

  str16(): string {
    const length = this.take(2).readUInt16BE(0);
    try {
      return utf8.decode(this.take(length));
    } catch (error) {
      if (error instanceof MalformedError) throw error;
      throw new MalformedError('a string field is not valid UTF-8');
    }
  }

  bytes(length: number): Buffer {
    return this.take(length);
  }

  rest(): Buffer {
    return this.take(this.data.length - this.offset);
  }

  // Fails when bytes are left over, so a frame has exactly one valid reading.
  end(): void {
    if (this.offset !== this.data.length) {
      throw new MalformedError(`${this.data.length - this.offset} unexpected trailing bytes`);
    }
  }

  private take(length: number): Buffer {
    if (this.offset + length > this.data.length) {
      throw new MalformedError(`field of ${length} bytes runs past the end at offset ${this.offset}`);
    }
    const part = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }
}
