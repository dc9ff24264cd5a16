package dev.faceembed.onnxruntime;

import dev.faceembed.BackendClosedException;
import dev.faceembed.ModelException;
import dev.faceembed.bindings.testing.OnnxModelWriter;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.spi.ModelRunner;
import dev.faceembed.spi.TensorRun;
import dev.faceembed.spi.TensorShape;
import dev.faceembed.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-model runner behind the face detector: fixed shapes, several outputs, runs per thread, close. */
class OrtModelRunnerTest {
    @TempDir
    Path dir;

    /** y = x + x and z = x * x, for x [1, 2, 3]. */
    private LoadedModel twoOutputs() {
        byte[] model = new OnnxModelWriter()
                .input("x", OnnxModelWriter.FLOAT, 1L, 2L, 3L)
                .node("Add", List.of("x", "x"), List.of("y"))
                .node("Mul", List.of("x", "x"), List.of("z"))
                .output("y", OnnxModelWriter.FLOAT, 1L, 2L, 3L)
                .output("z", OnnxModelWriter.FLOAT, 1L, 2L, 3L)
                .build();
        return ModelLoader.load(ModelSpec.file(TestModels.write(dir, "two.onnx", model), TestModels.TINY));
    }

    private static ModelRunner open(LoadedModel model) {
        return new OnnxRuntimeProvider().openModelRunner(model, SectionSettings.defaults()).orElseThrow();
    }

    @Test
    void runsAFixedShapeModelIntoEachRunsOwnMemory() throws Exception {
        try (ModelRunner runner = open(twoOutputs());
             ExecutorService threads = Executors.newFixedThreadPool(4)) {
            assertEquals(List.of(new TensorShape("x", List.of(1L, 2L, 3L))), runner.inputs());
            assertEquals(List.of("y", "z"), runner.outputs().stream().map(TensorShape::name).toList());
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                float base = t;
                results.add(threads.submit(() -> {
                    try (TensorRun run = runner.newRun()) {
                        for (int round = 0; round < 200; round++) {
                            for (int i = 0; i < 6; i++) {
                                run.input(0).setAtIndex(ValueLayout.JAVA_FLOAT, i, base + i + round);
                            }
                            run.run();
                            for (int i = 0; i < 6; i++) {
                                float x = base + i + round;
                                if (run.output(0).getAtIndex(ValueLayout.JAVA_FLOAT, i) != 2 * x
                                        || run.output(1).getAtIndex(ValueLayout.JAVA_FLOAT, i) != x * x) {
                                    return false;
                                }
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        }
    }

    @Test
    void dynamicShapesAreRefusedAndAClosedRunnerSaysSo() {
        byte[] dynamic = new OnnxModelWriter()
                .input("x", OnnxModelWriter.FLOAT, "N", 3L)
                .node("Relu", List.of("x"), List.of("y"))
                .output("y", OnnxModelWriter.FLOAT, "N", 3L)
                .build();
        LoadedModel model = ModelLoader.load(ModelSpec.file(TestModels.write(dir, "dyn.onnx", dynamic),
                TestModels.TINY));
        ModelException refused = assertThrows(ModelException.class, () -> open(model));
        assertTrue(refused.getMessage().contains("float32 tensors of fixed shape"), refused.getMessage());

        ModelRunner runner = open(twoOutputs());
        TensorRun run = runner.newRun();
        runner.close();
        assertThrows(BackendClosedException.class, run::run);
        assertThrows(BackendClosedException.class, runner::newRun);
        run.close();
        runner.close();
    }
}
