package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CheckpointingTest {
  private static final Architecture ARCH = Architecture.parse(
      "conv filters=4 k=3 bn=true | pool k=2 | dropout keep=0.8 | dense units=8 | dropout keep=0.9");
  private static final Shape SHAPE = new Shape(8, 8, 1);

  @TempDir Path dir;

  /** Label smoothing, mixup on half the batches, max-norm, a plateau schedule after a warm-up. */
  private static final TrainingAids AIDS = new TrainingAids(0.1, 0.2, 0, 0.5, 3.0,
      new LrSchedule(LrSchedule.Kind.PLATEAU, 1, 1, 1, 0.5, 0));

  private static boolean aided;

  private static TrainConfig config(Optimizer opt, int epochs, boolean early) {
    TrainConfig.Builder b = TrainConfig.builder().optimizer(opt).learningRate(0.01)
        .epochs(epochs).batchSize(16).l2(0.01).seed(3).evalEvery(2)
        .aids(aided ? AIDS : TrainingAids.NONE);
    if (early) {
      b.earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 2, 0));
    }
    return b.build();
  }

  /** A narrow dense stack (the row executor, on one thread) or a conv net (the slices). */
  private static Architecture arch = ARCH;

  private static Network net() {
    return Network.initialize(arch, SHAPE, OutputKind.SIGMOID_BINARY, 1, 1);
  }

  /** Requests a stop while building batch {@code at} (counted over the whole run). */
  private static BatchStream stopping(BatchStream s, Checkpointing ck, int at) {
    int[] seen = {0};
    return new TappedBatches(s, b -> {
      if (++seen[0] == at) {
        ck.requestStop();
      }
    });
  }

  @ParameterizedTest(name = "{0}, {1} thread(s), early stopping {2}, stop at batch {3}, {4}")
  @CsvSource({"ADAM,1,false,9,conv", "ADAM,2,true,6,conv", "MOMENTUM,2,false,13,conv",
      "SGD,1,true,4,conv", "ADAM,1,false,12,conv", "ADAM,1,false,8,dense", "ADAMW,1,true,5,dense",
      "MOMENTUM,2,false,7,dense", "ADAM,2,false,11,conv+aids", "ADAM,1,true,10,dense+aids"})
  void interruptedThenResumedEqualsUninterrupted(Optimizer opt, int threads, boolean early,
      int stopAt, String kind) {
    arch = kind.startsWith("conv") ? ARCH : Architecture.parse("dense units=8 | dense units=4");
    aided = kind.endsWith("+aids");
    Dataset train = TrainerTest.bars(40, 8, 1, 1); // 3 batches per epoch
    Dataset dev = TrainerTest.bars(24, 8, 1, 2);
    TrainConfig c = config(opt, 9, early);
    Trainer trainer = new Trainer(c, threads, Precision.DOUBLE);
    TrainResult whole = trainer.train(net(), new DatasetBatches(train, 16, 3), dev, null);

    Path file = dir.resolve("checkpoint.ckpt");
    Checkpointing ck = Checkpointing.every(2, file);
    TrainResult cut = trainer.train(net(),
        stopping(new DatasetBatches(train, 16, 3), ck, stopAt), dev, null, ck);
    assertEquals(StopReason.INTERRUPTED, cut.stopReason());
    TrainingState saved = TrainingState.load(file);
    assertEquals((stopAt - 1) / 3 + 1, saved.epoch(), "stopped in this epoch");
    assertEquals((stopAt - 1) % 3 + 1, saved.batch(), "after this batch");
    assertEquals(stopAt, saved.step());

    TrainResult rest = trainer.train(net(), new DatasetBatches(train, 16, 3), dev, null,
        Checkpointing.every(2, file).resumeFrom(saved));
    assertEquals(whole.history(), rest.history());
    assertEquals(whole.stopReason(), rest.stopReason());
    assertEquals(whole.bestEpoch(), rest.bestEpoch());
    assertEquals(whole.stopEpoch(), rest.stopEpoch());
    List<double[]> a = whole.model().parameters();
    List<double[]> b = rest.model().parameters();
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), 0.0, "parameter array " + i);
    }
  }

  @Test
  void epochCheckpointsResumeAndTheFileRoundTrips() {
    aided = false;
    arch = ARCH;
    Dataset train = TrainerTest.bars(40, 8, 1, 1);
    TrainConfig c = config(Optimizer.ADAM, 4, false);
    Trainer trainer = new Trainer(c, 1, Precision.DOUBLE);
    Path file = dir.resolve("ck");
    Checkpointing ck = Checkpointing.every(3, file).withRun(java.util.Map.of("k", "v"));
    TrainResult whole = trainer.train(net(), new DatasetBatches(train, 16, 3), null, null, ck);
    TrainingState s = TrainingState.load(file);
    assertEquals(4, s.epoch());
    assertEquals(0, s.batch());
    assertEquals(9, s.step());
    assertEquals("v", s.run().get("k"));
    assertEquals(2, s.history().epochs().size()); // epochs 1 and 2 (the first, then every 2)
    assertEquals(1, ck.writeTimes()[0]);
    TrainResult rest = trainer.train(net(), new DatasetBatches(train, 16, 3), null, null,
        Checkpointing.none().resumeFrom(s));
    assertEquals(whole.history(), rest.history());
    assertArrayEquals(whole.model().parameters().get(0), rest.model().parameters().get(0), 0.0);
  }

  @Test
  void refusesAnotherConfigurationOrDataOrADamagedFile() throws IOException {
    aided = false;
    arch = ARCH;
    Dataset train = TrainerTest.bars(40, 8, 1, 1);
    TrainConfig c = config(Optimizer.ADAM, 2, false);
    Path file = dir.resolve("ck");
    new Trainer(c, 1, Precision.DOUBLE).train(net(), new DatasetBatches(train, 16, 3), null,
        null, Checkpointing.every(1, file));
    TrainingState s = TrainingState.load(file);
    TrainConfig other = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.02)
        .epochs(2).batchSize(16).l2(0.01).seed(3).evalEvery(2).build();
    AugregException e = assertThrows(AugregException.class, () -> new Trainer(other, 1,
        Precision.DOUBLE).train(net(), new DatasetBatches(train, 16, 3), null, null,
        Checkpointing.none().resumeFrom(s)));
    assertTrue(e.getMessage().contains("learningRate = 0.01"), e.getMessage());
    e = assertThrows(AugregException.class, () -> new Trainer(c, 2, Precision.DOUBLE)
        .train(net(), new DatasetBatches(train, 16, 3), null, null,
            Checkpointing.none().resumeFrom(s)));
    assertTrue(e.getMessage().contains("threads = 1"), e.getMessage());
    e = assertThrows(AugregException.class, () -> new Trainer(c, 1, Precision.DOUBLE)
        .train(net(), new DatasetBatches(TrainerTest.bars(38, 8, 1, 1), 16, 3), null, null,
            Checkpointing.none().resumeFrom(s)));
    assertTrue(e.getMessage().contains("40 training"), e.getMessage());

    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    e = assertThrows(AugregException.class, () -> TrainingState.load(file));
    assertTrue(e.getMessage().endsWith("the checkpoint is damaged (its checksum does not match)"),
        e.getMessage());
    Files.writeString(file, "hello");
    e = assertThrows(AugregException.class, () -> TrainingState.load(file));
    assertTrue(e.getMessage().endsWith("not an augreg checkpoint"), e.getMessage());
    // a checkpoint of the first format (CRC-32, the position in JSON): refused, saying why
    java.nio.ByteBuffer v1 = java.nio.ByteBuffer.allocate(200)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    v1.put("AUGRCKPT".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(2)
        .put("{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Files.write(file, v1.array());
    e = assertThrows(AugregException.class, () -> TrainingState.load(file));
    assertTrue(e.getMessage().endsWith("checkpoint format version 1, this augreg reads version 2"
        + " (the checkpoint was written by an earlier augreg: start the run again, with"
        + " --overwrite)"), e.getMessage());
    assertNotNull(s.weights());
  }

  /** A run of {@code epochs} epochs with a checkpoint after each (but the last) into {@code f}. */
  private static void run(int epochs, Path f) {
    Dataset train = TrainerTest.bars(40, 8, 1, 1);
    new Trainer(config(Optimizer.ADAM, epochs, false), 1, Precision.DOUBLE).train(net(),
        new DatasetBatches(train, 16, 3), null, null, Checkpointing.every(1, f));
  }

  @Test
  void aKillBetweenTheRenamesOfAWriteLeavesTheNewestCompleteCheckpoint() throws IOException {
    aided = false;
    arch = ARCH;
    Path file = dir.resolve("ck");
    Path tmp = dir.resolve(".ck.tmp");
    Path old = dir.resolve(".ck.old");
    run(4, file);
    // the checkpoint after epoch 3, and the one after epoch 2 kept as the next write's file
    assertEquals(4, TrainingState.load(file).epoch());
    assertEquals(3, TrainingState.load(tmp).epoch());
    assertTrue(Files.notExists(old));

    // killed between the renames: NAME was renamed to .NAME.old, the new one is still .NAME.tmp
    Files.move(tmp, old);
    Files.move(file, tmp);
    assertTrue(TrainingState.exists(file));
    assertEquals(4, TrainingState.load(file).epoch(), "the newest complete one");
    byte[] newest = Files.readAllBytes(tmp);
    byte[] bad = newest.clone();
    bad[bad.length / 3] ^= 4;
    Files.write(tmp, bad);
    assertEquals(3, TrainingState.load(file).epoch(), "the one before, when the newest is bad");
    Files.write(tmp, newest);

    // the next write puts the newest back first, then writes a smaller state over the bigger
    // recycled file in place (cut to its length)
    Path other = dir.resolve("short");
    run(2, other);
    TrainingState small = TrainingState.load(other);
    assertEquals(1, small.history().epochs().size());
    small.save(file);
    assertEquals(4, TrainingState.load(tmp).epoch(), "the newest was put back, then kept");
    small.save(file);
    assertEquals(Files.size(other), Files.size(file));
    assertArrayEquals(Files.readAllBytes(other), Files.readAllBytes(file));
    assertTrue(Files.notExists(old));
    TrainingState.delete(file);
    assertTrue(Files.notExists(file) && Files.notExists(tmp) && Files.notExists(old));
    assertTrue(!TrainingState.exists(file));
  }
}
