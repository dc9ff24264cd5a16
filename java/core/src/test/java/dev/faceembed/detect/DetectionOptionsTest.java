package dev.faceembed.detect;

import dev.faceembed.config.ConfigException;
import dev.faceembed.config.ConfigSchema;
import dev.faceembed.config.PipelineConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detection keys are configuration keys like any other: defaults, variables, range checks. */
class DetectionOptionsTest {
    @Test
    void theKeysReachTheOptions() {
        assertEquals(new DetectionOptions(0.7, 0.4, 40, 0), DetectionOptions.of(
                new PipelineConfigLoader(Map.of(), ConfigSchema.standard()).load()));
        assertEquals(DetectionOptions.defaults(), DetectionOptions.of(
                new PipelineConfigLoader(Map.of(), ConfigSchema.standard()).load()));
        DetectionOptions set = DetectionOptions.of(new PipelineConfigLoader(Map.of(
                "FACEEMBED_DETECTION_MIN_SCORE", "0.9", "FACEEMBED_DETECTION_MAX_FACES", "1"),
                ConfigSchema.standard()).load());
        assertEquals(new DetectionOptions(0.9, 0.4, 40, 1), set);
        ConfigException wrong = assertThrows(ConfigException.class, () -> new PipelineConfigLoader(Map.of(
                "FACEEMBED_DETECTION_NMS_IOU", "1.5"), ConfigSchema.standard()).load());
        assertTrue(wrong.getMessage().contains("detection.nms_iou"), wrong.getMessage());
    }
}
