package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augreg.nn.conv.Architecture;
import io.augreg.nn.linalg.Precision;
import io.augreg.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvImageTrainingTest {
  /**
   * onStart comes once, before the first epoch, with the prepared data (a TRAIN/DEV/TEST split of
   * the 8 shapes: 4/2/2) and the network as its canonical spec: conv 2·(9 + 1) = 20 parameters,
   * output unit on the pooled 4x4x2 = 32 + 1, 53 in all.
   */
  @Test
  void tellsWhatItTrainsBeforeTheFirstEpoch() {
    ImageTrainConfig c = ImageTrainConfig.builder(Path.of("samples", "shapes"))
        .size(8, 8).channels(1).threads(1).split(io.augreg.data.SplitRatios.parse("50/25/25"))
        .trainConfig(TrainConfig.builder().epochs(2).batchSize(4).seed(2).build())
        .build();
    List<Object> events = new ArrayList<>();
    ConvImageTraining.Result r = ConvImageTraining.run(c, Architecture.parse("conv filters=2 k=3 | pool k=2"),
        1, Precision.DOUBLE, events::add, rec -> events.add(rec.epoch()));
    assertEquals(3, events.size(), events.toString());
    RunStart s = (RunStart) events.get(0);
    assertEquals(List.of(1, 2), events.subList(1, 3));
    assertEquals(4, s.trainCount());
    assertEquals(2, s.devCount());
    assertEquals(2, s.testCount());
    assertEquals(r.format(), s.format());
    assertEquals("conv filters=2 k=3 stride=1 pad=1 act=relu | pool k=2 stride=2", s.network());
    assertEquals(53, s.parameters());
    assertEquals(r.result().model().parameterCount(), s.parameters());
  }
}
