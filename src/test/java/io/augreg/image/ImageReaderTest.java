package io.augreg.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReaderTest {
  @TempDir Path dir;

  @Test
  void readsOneThreeAndFourChannelPngsLosslessly() {
    ImageReader reader = new ImageReader();
    for (int c : new int[] {1, 3, 4}) {
      Path f = TestImages.write(dir.resolve("c" + c + ".png"), 9, 7, c, c);
      try (Mat m = reader.read(f);
          Mat expected = TestImages.pattern(9, 7, c, c)) {
        assertEquals(c, m.channels());
        assertEquals(9, m.cols());
        assertEquals(7, m.rows());
        assertArrayEquals(TestImages.pixels(expected), TestImages.pixels(m));
      }
    }
  }

  @Test
  void refusesSixteenBitImages() throws Exception {
    Path f = dir.resolve("deep.png");
    try (Mat m = new Mat(4, 4, CV_16UC1);
        BytePointer buf = new BytePointer()) {
      m.put(new org.bytedeco.opencv.opencv_core.Scalar(1000.0));
      opencv_imgcodecs.imencode(".png", m, buf);
      byte[] b = new byte[(int) buf.limit()];
      buf.get(b);
      Files.write(f, b);
    }
    BadImageException e = assertThrows(BadImageException.class, () -> new ImageReader().read(f));
    assertTrue(e.reason().startsWith("unsupported depth 16-bit unsigned"), e.reason());
    assertEquals(f, e.path());
  }

  @Test
  void refusesEmptyMissingTruncatedAndNonImages() throws Exception {
    ImageReader reader = new ImageReader();
    Path empty = Files.createFile(dir.resolve("empty.png"));
    assertEquals(
        "empty file", assertThrows(BadImageException.class, () -> reader.read(empty)).reason());
    assertEquals(
        "no such file",
        assertThrows(BadImageException.class, () -> reader.read(dir.resolve("nope.png"))).reason());
    Path txt = Files.writeString(dir.resolve("notes.png"), "not a picture");
    assertTrue(
        assertThrows(BadImageException.class, () -> reader.read(txt))
            .reason()
            .startsWith("not an image"));
    Path good = TestImages.write(dir.resolve("good.png"), 32, 32, 3, 0);
    byte[] b = Files.readAllBytes(good);
    Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(b, b.length - 30));
    assertTrue(
        assertThrows(BadImageException.class, () -> reader.read(cut))
            .reason()
            .startsWith("truncated PNG"));
    // a structurally complete PNG whose compressed data is garbage: OpenCV fails, we report it
    byte[] bad = b.clone();
    for (int i = 45; i < b.length - 20; i++) {
      bad[i] = (byte) (i * 37);
    }
    Path corrupt = Files.write(dir.resolve("corrupt.png"), bad);
    assertTrue(
        assertThrows(BadImageException.class, () -> reader.read(corrupt))
            .reason()
            .startsWith("corrupt PNG"));
  }

  @Test
  void pixelLimitIsCheckedBeforeDecoding() throws Exception {
    // A 200000 x 200000 PNG header with no pixel data at all: decoding would need 120 GB.
    Path bomb = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(200_000, 200_000));
    BadImageException e = assertThrows(BadImageException.class, () -> new ImageReader().read(bomb));
    assertTrue(e.reason().startsWith("too many pixels: 200000x200000"), e.reason());
    Path small = TestImages.write(dir.resolve("small.png"), 20, 10, 3, 0);
    assertEquals(200, new ImageReader(200).probe(small).pixels());
    assertThrows(BadImageException.class, () -> new ImageReader(199).read(small));
    assertThrows(AugregException.class, () -> new ImageReader(0));
  }

  private static byte[] pngHeaderOnly(int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(
        out,
        "IHDR",
        new byte[] {
          (byte) (w >>> 24),
          (byte) (w >>> 16),
          (byte) (w >>> 8),
          (byte) w,
          (byte) (h >>> 24),
          (byte) (h >>> 16),
          (byte) (h >>> 8),
          (byte) h,
          8,
          2,
          0,
          0,
          0
        });
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    int n = data.length;
    out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    long c = crc.getValue();
    out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
  }
}
