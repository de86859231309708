package io.augreg.plot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A small PNG encoder for opaque 8-bit RGB images (what the charts are). ImageIO's encoder pulls
 * pixels through the generic sample model row by row and was the slowest step of drawing a
 * chart; this one reads the {@code int} pixels directly. Each row uses PNG's "Sub" filter (byte
 * minus the byte one pixel to the left), which suits flat chart areas, then zlib deflate.
 */
final class PngWriter {
  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

  private PngWriter() {}

  /**
   * Writes {@code image} (any type; alpha is dropped) as a PNG.
   *
   * @param image the picture
   * @param out destination (not closed)
   * @throws IOException if writing fails
   */
  static void write(BufferedImage image, OutputStream out) throws IOException {
    BufferedImage rgb = asIntRgb(image);
    int w = rgb.getWidth();
    int h = rgb.getHeight();
    int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();

    ByteArrayOutputStream idat = new ByteArrayOutputStream(w * h / 4 + 1024);
    Deflater deflater = new Deflater(6);
    try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
      byte[] row = new byte[1 + 3 * w];
      row[0] = 1; // filter type Sub
      for (int y = 0; y < h; y++) {
        subFilter(pixels, y * w, w, row);
        z.write(row);
      }
    } finally {
      deflater.end();
    }

    DataOutputStream data = new DataOutputStream(out);
    data.write(SIGNATURE);
    ByteArrayOutputStream header = new ByteArrayOutputStream(13);
    DataOutputStream hd = new DataOutputStream(header);
    hd.writeInt(w);
    hd.writeInt(h);
    hd.writeByte(8); // bit depth
    hd.writeByte(2); // colour type: truecolour RGB
    hd.writeByte(0); // deflate
    hd.writeByte(0); // adaptive filtering
    hd.writeByte(0); // no interlace
    chunk(data, "IHDR", header.toByteArray());
    chunk(data, "IDAT", idat.toByteArray());
    chunk(data, "IEND", new byte[0]);
    data.flush();
  }

  /**
   * One row with PNG's "Sub" filter: {@code out = raw(x) − raw(x − 1 pixel)} per channel, modulo
   * 256, after the filter-type byte. A method per row, so the JIT compiles it after a few rows.
   */
  private static void subFilter(int[] pixels, int base, int w, byte[] row) {
    int pr = 0;
    int pg = 0;
    int pb = 0;
    for (int x = 0; x < w; x++) {
      int p = pixels[base + x];
      int r = (p >>> 16) & 0xFF;
      int g = (p >>> 8) & 0xFF;
      int b = p & 0xFF;
      int i = 1 + 3 * x;
      row[i] = (byte) (r - pr);
      row[i + 1] = (byte) (g - pg);
      row[i + 2] = (byte) (b - pb);
      pr = r;
      pg = g;
      pb = b;
    }
  }

  /** One chunk: length, type, data, CRC-32 of type and data. */
  private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(body);
    out.writeInt(body.length);
    out.write(t);
    out.write(body);
    out.writeInt((int) crc.getValue());
  }

  /** The image itself if it is TYPE_INT_RGB/ARGB, else a TYPE_INT_RGB copy. */
  private static BufferedImage asIntRgb(BufferedImage image) {
    int type = image.getType();
    if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
      return image;
    }
    BufferedImage copy =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    var g = copy.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return copy;
  }
}
