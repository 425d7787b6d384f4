import { inflateSync } from 'node:zlib';

/** A decoded PNG: width, height and RGBA bytes, row by row. */
export interface PngImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/**
 * Decodes the 8-bit RGB/RGBA non-interlaced PNGs Chromium writes for screenshots, so tests can look
 * at the pixels rather than only take the picture.
 */
export function decodePng(buffer: Buffer): PngImage {
  const signature = '89504e470d0a1a0a';
  if (buffer.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8];
      const colorType = body[9];
      if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || body[12] !== 0)
        throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${body[12]}`);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const source = row * (stride + 1) + 1;
    const target = row * stride;
    for (let index = 0; index < stride; index++) {
      const value = raw[source + index];
      const left = index >= channels ? pixels[target + index - channels] : 0;
      const up = row > 0 ? pixels[target - stride + index] : 0;
      const upLeft = row > 0 && index >= channels ? pixels[target - stride + index - channels] : 0;
      let decoded: number;
      if (filter === 0) decoded = value;
      else if (filter === 1) decoded = value + left;
      else if (filter === 2) decoded = value + up;
      else if (filter === 3) decoded = value + ((left + up) >> 1);
      else if (filter === 4) decoded = value + paeth(left, up, upLeft);
      else throw new Error(`bad PNG filter ${filter}`);
      pixels[target + index] = decoded & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    rgba[pixel * 4] = pixels[pixel * channels];
    rgba[pixel * 4 + 1] = pixels[pixel * channels + 1];
    rgba[pixel * 4 + 2] = pixels[pixel * channels + 2];
    rgba[pixel * 4 + 3] = channels === 4 ? pixels[pixel * channels + 3] : 255;
  }
  return { width, height, rgba };
}

/** How many pixels are within `tolerance` of a colour `#rrggbb`. */
export function countColour(image: PngImage, hex: string, tolerance = 12): number {
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  let count = 0;
  for (let index = 0; index < image.rgba.length; index += 4) {
    if (
      Math.abs(image.rgba[index] - r) <= tolerance &&
      Math.abs(image.rgba[index + 1] - g) <= tolerance &&
      Math.abs(image.rgba[index + 2] - b) <= tolerance
    )
      count++;
  }
  return count;
}
