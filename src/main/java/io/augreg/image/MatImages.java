package io.augreg.image;

import io.augreg.core.AugregException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts between OpenCV {@code Mat}s (8-bit, BGR/BGRA order) and {@code BufferedImage}s: gray
 * ⇄ {@code TYPE_BYTE_GRAY}, BGR ⇄ {@code TYPE_3BYTE_BGR}, BGRA ⇄ {@code TYPE_4BYTE_ABGR}. Other
 * image types are first drawn into one of those (with alpha if they have it).
 */
public final class MatImages {
  private MatImages() {}

  /**
   * A new Mat holding the pixels of {@code img} (the caller closes it).
   *
   * @param img any image
   * @return CV_8UC1, CV_8UC3 (BGR) or CV_8UC4 (BGRA)
   */
  public static Mat toMat(BufferedImage img) {
    BufferedImage std = standard(img);
    int w = std.getWidth();
    int h = std.getHeight();
    byte[] data = ((DataBufferByte) std.getRaster().getDataBuffer()).getData();
    int type = std.getType();
    int channels =
        type == BufferedImage.TYPE_BYTE_GRAY ? 1 : type == BufferedImage.TYPE_3BYTE_BGR ? 3 : 4;
    Mat m = new Mat(h, w, opencv_core.CV_8UC(channels));
    int n = w * h * channels;
    if (channels == 4) {
      // ABGR -> BGRA
      byte[] bgra = new byte[n];
      for (int i = 0; i < n; i += 4) {
        bgra[i] = data[i + 1];
        bgra[i + 1] = data[i + 2];
        bgra[i + 2] = data[i + 3];
        bgra[i + 3] = data[i];
      }
      data = bgra;
    }
    try (BytePointer p = m.data()) {
      p.put(data, 0, n);
    }
    return m;
  }

  /**
   * A new image holding the pixels of {@code m}.
   *
   * @param m an 8-bit Mat with 1, 3 or 4 channels
   * @return {@code TYPE_BYTE_GRAY}, {@code TYPE_3BYTE_BGR} or {@code TYPE_4BYTE_ABGR}
   * @throws AugregException for other Mat types
   */
  public static BufferedImage toBufferedImage(Mat m) {
    int ch = m.channels();
    if (m.empty() || m.depth() != opencv_core.CV_8U || (ch != 1 && ch != 3 && ch != 4)) {
      throw new AugregException(
          "cannot convert a Mat of depth " + m.depth() + " with " + ch + " channels to an image");
    }
    int w = m.cols();
    int h = m.rows();
    int type =
        ch == 1
            ? BufferedImage.TYPE_BYTE_GRAY
            : ch == 3 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_4BYTE_ABGR;
    BufferedImage img = new BufferedImage(w, h, type);
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    int rowBytes = w * ch;
    try (BytePointer p = m.data()) {
      long step = m.step();
      for (int r = 0; r < h; r++) {
        p.position(r * step).get(data, r * rowBytes, rowBytes);
      }
    }
    if (ch == 4) {
      // BGRA -> ABGR
      for (int i = 0; i < data.length; i += 4) {
        byte b = data[i];
        byte g = data[i + 1];
        byte r = data[i + 2];
        data[i] = data[i + 3];
        data[i + 1] = b;
        data[i + 2] = g;
        data[i + 3] = r;
      }
    }
    return img;
  }

  /** {@code img} itself if it has a standard packed layout, else a copy drawn into one. */
  private static BufferedImage standard(BufferedImage img) {
    int type = img.getType();
    Raster r = img.getRaster();
    boolean known =
        type == BufferedImage.TYPE_BYTE_GRAY
            || type == BufferedImage.TYPE_3BYTE_BGR
            || type == BufferedImage.TYPE_4BYTE_ABGR;
    if (known
        && r.getDataBuffer() instanceof DataBufferByte db
        && db.getNumBanks() == 1
        && db.getOffset() == 0
        && r.getSampleModelTranslateX() == 0
        && r.getSampleModelTranslateY() == 0
        && r.getSampleModel() instanceof PixelInterleavedSampleModel sm
        && sm.getScanlineStride() == img.getWidth() * sm.getNumBands()
        && db.getData().length == img.getWidth() * img.getHeight() * sm.getNumBands()) {
      return img;
    }
    int target =
        img.getColorModel().hasAlpha()
            ? BufferedImage.TYPE_4BYTE_ABGR
            : img.getColorModel().getNumColorComponents() == 1
                ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_3BYTE_BGR;
    BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), target);
    Graphics2D g = copy.createGraphics();
    try {
      g.drawImage(img, 0, 0, null);
    } finally {
      g.dispose();
    }
    return copy;
  }
}
