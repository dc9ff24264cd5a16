package dev.faceembed.model;

import dev.faceembed.CropSize;
import dev.faceembed.ModelException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelManifestTest {

    @Test
    void theBundledDefaultIsTheDynamicBatchMobileFaceNetWithBgrPreprocessing() {
        ModelSpec spec = ModelSpec.bundledDefault();
        assertEquals("fr_feature_dynbatch", spec.name());
        assertEquals("6e524bb134157e6f9b3f2afd911fb66519a1a305b0e1022db02683a098e1ca93", spec.sha256());
        assertEquals(new ModelSource.Resource("dev/faceembed/models/fr_feature_dynbatch.onnx"), spec.source());
        assertEquals(new Preprocessing(new CropSize(112, 112), ChannelOrder.BGR, List.of(127.5, 127.5, 127.5),
                List.of(127.5, 127.5, 127.5)), spec.preprocessing());
    }

    @Test
    void theBundledModelMatchesItsChecksum() {
        LoadedModel model = ModelLoader.load(ModelSpec.bundledDefault());
        assertEquals(4_884_271, model.size());
        assertEquals(ModelSpec.bundledDefault().sha256(), model.sha256());
    }

    @Test
    void brokenManifestsNameTheProblem() {
        ModelException missing = assertThrows(ModelException.class, () -> ModelManifest.parse("""
                default: a
                models:
                  a: {file: a.onnx, sha256: ab, preprocessing: {channel_order: RGB, mean: [1, 2, 3]}}
                """, "test.yaml"));
        assertTrue(missing.getMessage().contains("test.yaml: models.a.preprocessing: 'std' must be a list of numbers"),
                missing.getMessage());
        ModelException noDefault = assertThrows(ModelException.class, () -> ModelManifest.parse("""
                default: b
                models:
                  a: {file: a.onnx, sha256: ab, preprocessing: {channel_order: RGB, mean: [1, 2, 3], std: [1, 1, 1]}}
                """, "test.yaml"));
        assertTrue(noDefault.getMessage().contains("default model 'b' is not listed"), noDefault.getMessage());
        ModelException zeroStd = assertThrows(ModelException.class, () -> ModelManifest.parse("""
                default: a
                models:
                  a: {file: a.onnx, sha256: ab, preprocessing: {channel_order: RGB, mean: [1, 2, 3], std: [1, 0, 1]}}
                """, "test.yaml"));
        assertTrue(zeroStd.getMessage().contains("std finite and non-zero"), zeroStd.getMessage());
    }
}
