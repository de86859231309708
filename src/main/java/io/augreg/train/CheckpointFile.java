package io.augreg.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The checkpoint file of a {@link TrainingState}: one file, written to {@code .NAME.tmp} beside
 * it and renamed over it, so that a kill at any instant leaves either the previous complete
 * checkpoint or the new one.
 *
 * <p>Layout (little-endian): the 8 bytes {@code AUGRCKPT}, the format version (int), the length
 * of a UTF-8 JSON header (int) and the header (position, counts, configuration, the caller's
 * fields); then the doubles: the history (6 per recorded epoch), the log's last cost, best score
 * and wait, the schedule's epoch, rate, best dev cost and bad epochs, the epoch's pass sums, and
 * the arrays of the live weights, the first and second optimizer moments and the
 * kept weights, each as its length (int) and its values; last a CRC-32 of everything before it
 * (long). The doubles are stored bit for bit, so a resumed run continues with exactly the same
 * numbers.
 */
final class CheckpointFile {
  /** The format version this class writes and reads. */
  static final int VERSION = 1;

  private static final byte[] MAGIC = "AUGRCKPT".getBytes(StandardCharsets.US_ASCII);
  private static final String[] GROUPS = {"weights", "moment1", "moment2", "best"};
  /** Doubles after the history: the log's 3, the schedule's 4, the pass sums' 2. */
  private static final int SCALARS = 9;

  /**
   * Test hook (system property {@code augreg.checkpoint.stallMs}): pause this long half-way
   * through writing the temporary file, so that a test can kill the process during a write.
   */
  private static final long STALL_MS = Long.getLong("augreg.checkpoint.stallMs", 0);

  private ByteBuffer buffer = ByteBuffer.allocate(0);

  /**
   * Writes {@code s} to {@code file} with a fresh buffer.
   *
   * @see #save
   */
  static void write(Path file, TrainingState s) {
    new CheckpointFile().save(file, s);
  }

  /**
   * Writes {@code s} to {@code file} atomically, reusing this writer's buffer.
   *
   * @param file the checkpoint file
   * @param s the state
   * @throws AugregException naming the file when it cannot be written
   */
  void save(Path file, TrainingState s) {
    byte[] header = header(s);
    List<List<double[]>> groups = groups(s);
    long doubles = 6L * s.log().records().size() + SCALARS;
    long arrays = 0;
    for (List<double[]> g : groups) {
      for (double[] a : g) {
        doubles += a.length;
        arrays++;
      }
    }
    long size = MAGIC.length + 8L + header.length + 8 * doubles + 4 * arrays + 8;
    if (size > Integer.MAX_VALUE - 16) {
      throw new AugregException(file + ": the training state (" + size + " bytes) is too large"
          + " for one checkpoint file");
    }
    if (buffer.capacity() < size) {
      buffer = ByteBuffer.allocate((int) size);
    }
    ByteBuffer b = buffer;
    b.clear();
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(VERSION).putInt(header.length).put(header);
    for (EpochRecord r : s.log().records()) {
      b.putDouble(r.epoch()).putDouble(r.trainCost()).putDouble(r.devCost())
          .putDouble(r.trainAccuracy()).putDouble(r.devAccuracy()).putDouble(r.lr());
    }
    LrScheduler.State lr = s.schedule();
    b.putDouble(s.log().lastCost()).putDouble(s.log().rule()[0]).putDouble(s.log().rule()[1])
        .putDouble(lr.epoch()).putDouble(lr.lr()).putDouble(lr.best()).putDouble(lr.badEpochs())
        .putDouble(s.passSums()[0]).putDouble(s.passSums()[1]);
    for (List<double[]> g : groups) {
      for (double[] a : g) {
        b.putInt(a.length);
        b.asDoubleBuffer().put(a);
        b.position(b.position() + 8 * a.length);
      }
    }
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putLong(crc.getValue());
    b.flip();
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    try {
      Files.createDirectories(abs.getParent());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        if (STALL_MS > 0) {
          ByteBuffer half = b.duplicate();
          half.limit(b.limit() / 2);
          writeFully(ch, half);
          b.position(half.position());
          stall();
        }
        writeFully(ch, b);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new AugregException(file + ": cannot write the checkpoint (" + e.getMessage() + ")", e);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void stall() {
    try {
      Thread.sleep(STALL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<List<double[]>> groups(TrainingState s) {
    return List.of(s.weightArrays(), s.moment1(), s.moment2(),
        s.best() == null ? List.of() : s.best());
  }

  private static byte[] header(TrainingState s) {
    ObjectNode h = TrainingState.JSON.createObjectNode();
    h.put("format", "augreg-checkpoint");
    h.put("epoch", s.epoch());
    h.put("batch", s.batch());
    h.put("step", s.step());
    h.put("samples", s.samples());
    h.put("train_nanos", s.trainNanos());
    h.put("examples", s.examples());
    h.put("dev_examples", s.devExamples());
    h.put("have_best", s.log().haveBest());
    h.put("best_epoch", s.log().bestEpoch());
    h.put("records", s.log().records().size());
    ObjectNode g = h.putObject("arrays");
    List<List<double[]>> groups = groups(s);
    for (int i = 0; i < GROUPS.length; i++) {
      g.put(GROUPS[i], groups.get(i).size());
    }
    h.put("best_is_weights", s.best() == null);
    h.set("config", s.configNode());
    h.set("run", TrainingState.JSON.valueToTree(s.run()));
    try {
      return TrainingState.JSON.writeValueAsBytes(h);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a checkpoint file.
   *
   * @param file the file
   * @return the state
   * @throws AugregException naming the file when it is missing, damaged or of another format
   */
  static TrainingState read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new AugregException(file + ": no checkpoint there", e);
    } catch (IOException e) {
      throw new AugregException(file + ": cannot read the checkpoint (" + e.getMessage() + ")", e);
    }
    if (bytes.length < MAGIC.length + 16
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new AugregException(file + ": not an augreg checkpoint");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    if (crc.getValue() != b.getLong(bytes.length - 8)) {
      throw new AugregException(file + ": the checkpoint is damaged (its checksum does not match)");
    }
    b.position(MAGIC.length);
    int version = b.getInt();
    if (version != VERSION) {
      throw new AugregException(file + ": checkpoint format version " + version
          + ", this augreg reads version " + VERSION);
    }
    try {
      int len = b.getInt();
      JsonNode h = TrainingState.JSON.readTree(bytes, b.position(), len);
      b.position(b.position() + len);
      int n = h.get("records").asInt();
      List<EpochRecord> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        records.add(new EpochRecord((int) b.getDouble(), b.getDouble(), b.getDouble(),
            b.getDouble(), b.getDouble(), b.getDouble()));
      }
      double lastCost = b.getDouble();
      double[] rule = {b.getDouble(), b.getDouble()};
      LrScheduler.State lr = new LrScheduler.State((int) b.getDouble(), b.getDouble(),
          b.getDouble(), (int) b.getDouble());
      double[] passSums = {b.getDouble(), b.getDouble()};
      List<List<double[]>> groups = new ArrayList<>();
      for (String g : GROUPS) {
        int k = h.get("arrays").get(g).asInt();
        List<double[]> arrays = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
          double[] a = new double[b.getInt()];
          b.asDoubleBuffer().get(a);
          b.position(b.position() + 8 * a.length);
          arrays.add(a);
        }
        groups.add(arrays);
      }
      EpochLog.Saved log = new EpochLog.Saved(records, h.get("have_best").asBoolean(),
          h.get("best_epoch").asInt(), lastCost, rule);
      Map<String, String> run = new LinkedHashMap<>();
      h.get("run").fields().forEachRemaining(e -> run.put(e.getKey(), e.getValue().asText()));
      return new TrainingState(h.get("epoch").asInt(), h.get("batch").asInt(),
          h.get("step").asLong(), groups.get(0), groups.get(1), groups.get(2),
          h.get("best_is_weights").asBoolean() ? null : groups.get(3), log, lr, passSums,
          h.get("samples").asLong(), h.get("train_nanos").asLong(), h.get("examples").asInt(),
          h.get("dev_examples").asInt(), h.get("config"), run);
    } catch (IOException | RuntimeException e) {
      throw new AugregException(file + ": the checkpoint is damaged (" + e.getMessage() + ")", e);
    }
  }
}
