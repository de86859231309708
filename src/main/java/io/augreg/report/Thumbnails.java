package io.augreg.report;

import io.augreg.core.AugregException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.imgscalr.Scalr;

/**
 * Pictures as {@code data:} URIs: thumbnails downscaled with imgscalr to at most {@link #SIDE}
 * pixels on their longer side and stored as JPEG (quality 0.85, a few kB each), so a page with
 * dozens of them stays far below a megabyte whatever the run's size.
 */
public final class Thumbnails {
  /** The longer side of a thumbnail, in pixels. */
  public static final int SIDE = 96;

  private Thumbnails() {}

  /**
   * A thumbnail of {@code image}: downscaled to at most {@link #SIDE} pixels on its longer side,
   * never enlarged (the page shows a small image at thumbnail size, pixelated), as a JPEG data URI.
   *
   * @param image the picture (any type)
   * @return {@code data:image/jpeg;base64,...}
   */
  public static String of(BufferedImage image) {
    BufferedImage rgb = toRgb(image);
    if (Math.max(rgb.getWidth(), rgb.getHeight()) > SIDE) {
      rgb = toRgb(Scalr.resize(rgb, Scalr.Method.QUALITY, Scalr.Mode.AUTOMATIC, SIDE, SIDE));
    }
    return jpeg(rgb);
  }

  /**
   * A picture at its own size as a PNG data URI (charts that are already small).
   *
   * @param image the picture
   * @return {@code data:image/png;base64,...}
   */
  public static String png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new AugregException("report: cannot encode a picture as PNG (" + e.getMessage() + ")", e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static BufferedImage toRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  private static String jpeg(BufferedImage rgb) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } catch (IOException e) {
      throw new AugregException("report: cannot encode a thumbnail (" + e.getMessage() + ")", e);
    } finally {
      writer.dispose();
    }
    return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
