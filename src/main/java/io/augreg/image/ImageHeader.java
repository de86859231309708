package io.augreg.image;

import java.nio.charset.StandardCharsets;

/**
 * The format and dimensions of an encoded image, read from its header bytes only — before any pixel
 * is decoded, so that a decompression bomb (a tiny file that claims a huge image) is refused
 * without allocating its pixels.
 *
 * <p>Recognized formats (by magic bytes, never by file extension): PNG, JPEG, BMP, GIF, WebP, TIFF
 * and the binary/ASCII PNM family (PBM, PGM, PPM). For PNG and JPEG the parser also walks the
 * chunk/marker structure and reports a file that ends before its end marker as truncated (libjpeg
 * would otherwise "decode" a truncated JPEG into a half-grey picture without an error).
 *
 * @param format the detected format, lower case ("png", "jpeg", "bmp", "gif", "webp", "tiff",
 *     "pnm")
 * @param width width in pixels (positive)
 * @param height height in pixels (positive)
 */
public record ImageHeader(String format, int width, int height) {

  /** Validates that the dimensions are positive. */
  public ImageHeader {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("invalid dimensions " + width + "x" + height);
    }
  }

  /** Number of pixels, {@code width * height}, computed without int overflow. */
  public long pixels() {
    return (long) width * height;
  }

  /**
   * Parses the header of an encoded image.
   *
   * @param b the whole file content
   * @return format and dimensions
   * @throws HeaderException (the caller adds the path) when the bytes are not a recognized image,
   *     are truncated, or declare impossible dimensions
   */
  public static ImageHeader parse(byte[] b) throws HeaderException {
    if (b.length == 0) {
      throw new HeaderException("empty file");
    }
    if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return png(b);
    }
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return jpeg(b);
    }
    if (startsWith(b, 'G', 'I', 'F', '8')) {
      need(b, 10, "gif");
      return dims("gif", u16le(b, 6), u16le(b, 8));
    }
    if (startsWith(b, 'B', 'M')) {
      return bmp(b);
    }
    if (startsWith(b, 'R', 'I', 'F', 'F')
        && b.length >= 12
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P') {
      return webp(b);
    }
    if (startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)) {
      return tiff(b);
    }
    if (b.length >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') {
      return pnm(b);
    }
    throw new HeaderException(
        "not an image (unrecognized content; expected PNG, JPEG, BMP, GIF, WebP, TIFF or PNM)");
  }

  /** Why a header was refused; the caller adds the path. */
  public static final class HeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A refusal with a human-readable reason. */
    public HeaderException(String reason) {
      super(reason);
    }
  }

  // PNG: 8-byte signature, then chunks (length u32be, type, data, crc). IHDR first; IEND last.
  private static ImageHeader png(byte[] b) throws HeaderException {
    need(b, 24, "png");
    if (!(b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R')) {
      throw new HeaderException("corrupt PNG (first chunk is not IHDR)");
    }
    long w = u32be(b, 16);
    long h = u32be(b, 20);
    long pos = 8;
    while (true) {
      if (pos + 8 > b.length) {
        throw new HeaderException("truncated PNG (file ends before the IEND chunk)");
      }
      long len = u32be(b, (int) pos);
      boolean iend =
          b[(int) pos + 4] == 'I'
              && b[(int) pos + 5] == 'E'
              && b[(int) pos + 6] == 'N'
              && b[(int) pos + 7] == 'D';
      pos += 12 + len;
      if (pos > b.length) {
        throw new HeaderException("truncated PNG (file ends inside a chunk)");
      }
      if (iend) {
        break;
      }
    }
    return dims("png", w, h);
  }

  // JPEG: markers FF xx; segments with a u16be length until SOS (FFDA); entropy-coded data never
  // contains FF D9 except as the EOI marker (FF is stuffed as FF 00 there).
  private static ImageHeader jpeg(byte[] b) throws HeaderException {
    int pos = 2;
    long w = -1;
    long h = -1;
    while (true) {
      while (pos < b.length
          && (b[pos] & 0xFF) == 0xFF
          && pos + 1 < b.length
          && (b[pos + 1] & 0xFF) == 0xFF) {
        pos++; // fill bytes
      }
      if (pos + 4 > b.length) {
        throw new HeaderException("truncated JPEG (file ends inside the header)");
      }
      if ((b[pos] & 0xFF) != 0xFF) {
        throw new HeaderException("corrupt JPEG (expected a marker at byte " + pos + ")");
      }
      int marker = b[pos + 1] & 0xFF;
      if (marker == 0xD9) {
        throw new HeaderException("corrupt JPEG (end of image before any scan)");
      }
      int len = u16be(b, pos + 2);
      boolean sof =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        need(b, pos + 9, "jpeg");
        h = u16be(b, pos + 5);
        w = u16be(b, pos + 7);
      }
      if (marker == 0xDA) {
        pos += 2 + len;
        break;
      }
      pos += 2 + len;
    }
    if (w < 0) {
      throw new HeaderException("corrupt JPEG (no frame header before the scan)");
    }
    for (int i = b.length - 2; i >= pos; i--) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
        return dims("jpeg", w, h);
      }
    }
    throw new HeaderException("truncated JPEG (no end-of-image marker)");
  }

  private static ImageHeader bmp(byte[] b) throws HeaderException {
    need(b, 26, "bmp");
    long declared = u32le(b, 2);
    if (declared > b.length) {
      throw new HeaderException(
          "truncated BMP (header declares " + declared + " bytes, file has " + b.length + ")");
    }
    long headerSize = u32le(b, 14);
    if (headerSize == 12) {
      return dims("bmp", u16le(b, 18), u16le(b, 20));
    }
    int w = (int) u32le(b, 18);
    int h = (int) u32le(b, 22);
    return dims("bmp", w, Math.abs((long) h)); // negative height = top-down rows
  }

  private static ImageHeader webp(byte[] b) throws HeaderException {
    need(b, 30, "webp");
    long riff = u32le(b, 4);
    if (riff + 8 > b.length) {
      throw new HeaderException("truncated WebP (RIFF size larger than the file)");
    }
    String chunk = new String(b, 12, 4, StandardCharsets.US_ASCII);
    switch (chunk) {
      case "VP8 " -> {
        return dims("webp", u16le(b, 26) & 0x3FFF, u16le(b, 28) & 0x3FFF);
      }
      case "VP8L" -> {
        long bits = u32le(b, 21);
        return dims("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
      }
      case "VP8X" -> {
        long w = 1 + ((b[24] & 0xFF) | (b[25] & 0xFF) << 8 | (b[26] & 0xFF) << 16);
        long h = 1 + ((b[27] & 0xFF) | (b[28] & 0xFF) << 8 | (b[29] & 0xFF) << 16);
        return dims("webp", w, h);
      }
      default -> throw new HeaderException("unsupported WebP chunk '" + chunk + "'");
    }
  }

  // TIFF: first IFD, tags 256 (ImageWidth) and 257 (ImageLength), SHORT or LONG.
  private static ImageHeader tiff(byte[] b) throws HeaderException {
    boolean le = b[0] == 'I';
    need(b, 8, "tiff");
    long ifd = le ? u32le(b, 4) : u32be(b, 4);
    if (ifd + 2 > b.length) {
      throw new HeaderException("truncated TIFF (directory beyond the end of the file)");
    }
    int n = le ? u16le(b, (int) ifd) : u16be(b, (int) ifd);
    long w = -1;
    long h = -1;
    for (int i = 0; i < n; i++) {
      int e = (int) ifd + 2 + 12 * i;
      need(b, e + 12, "tiff");
      int tag = le ? u16le(b, e) : u16be(b, e);
      int type = le ? u16le(b, e + 2) : u16be(b, e + 2);
      long value;
      if (type == 3) {
        value = le ? u16le(b, e + 8) : u16be(b, e + 8);
      } else {
        value = le ? u32le(b, e + 8) : u32be(b, e + 8);
      }
      if (tag == 256) {
        w = value;
      } else if (tag == 257) {
        h = value;
      }
    }
    return dims("tiff", w, h);
  }

  // PNM: "P<n>" then whitespace-separated ASCII width, height (comments start with '#').
  private static ImageHeader pnm(byte[] b) throws HeaderException {
    long[] v = new long[2];
    int pos = 2;
    for (int k = 0; k < 2; k++) {
      while (pos < b.length && (Character.isWhitespace(b[pos]) || b[pos] == '#')) {
        if (b[pos] == '#') {
          while (pos < b.length && b[pos] != '\n') {
            pos++;
          }
        } else {
          pos++;
        }
      }
      int start = pos;
      long x = 0;
      while (pos < b.length && b[pos] >= '0' && b[pos] <= '9' && pos - start < 10) {
        x = x * 10 + (b[pos] - '0');
        pos++;
      }
      if (pos == start) {
        throw new HeaderException("corrupt PNM header (expected width and height)");
      }
      v[k] = x;
    }
    return dims("pnm", v[0], v[1]);
  }

  private static ImageHeader dims(String format, long w, long h) throws HeaderException {
    if (w <= 0 || h <= 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
      throw new HeaderException(
          "corrupt "
              + format.toUpperCase(java.util.Locale.ROOT)
              + " (invalid dimensions "
              + w
              + "x"
              + h
              + ")");
    }
    return new ImageHeader(format, (int) w, (int) h);
  }

  private static void need(byte[] b, int n, String format) throws HeaderException {
    if (b.length < n) {
      throw new HeaderException(
          "truncated " + format.toUpperCase(java.util.Locale.ROOT) + " (header incomplete)");
    }
  }

  private static boolean startsWith(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u16le(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static int u16be(byte[] b, int i) {
    return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
  }

  private static long u32le(byte[] b, int i) {
    return (u16le(b, i) & 0xFFFFL) | (long) u16le(b, i + 2) << 16;
  }

  private static long u32be(byte[] b, int i) {
    return (long) u16be(b, i) << 16 | u16be(b, i + 2);
  }
}
