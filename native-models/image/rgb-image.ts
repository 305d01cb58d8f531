// The decoded image types the engine passes around: 8-bit pixels, row-major, channels interleaved (HWC).

/** HWC uint8 0–255, RGB (3 channels) or RGBA (4 channels, straight alpha). */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  /** Row-major [height, width, channels]. */
  readonly data: Uint8Array;
}

/** One channel, row-major [height, width], uint8 0–255 (grey images, masks as 0/255, alpha). */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Any interleaved 8-bit image: grey, grey+alpha, RGB, RGBA. */
export interface PixelImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  readonly data: Uint8Array;
}

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}
