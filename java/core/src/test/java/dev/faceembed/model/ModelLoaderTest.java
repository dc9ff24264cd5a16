package dev.faceembed.model;

import dev.faceembed.files.VerifiedFiles;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelLoaderTest {
    /** Hashing the bundled model costs a new JVM more than the rest of loading it, so it is done once per jar. */
    @Test
    void theBundledModelsHashIsRememberedByTheIdentityOfWhatHoldsIt() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "stamps need /proc/self (Linux)");
        ModelSpec spec = ModelSpec.bundledDefault();
        assertEquals(spec.sha256(), ModelLoader.load(spec).sha256());
        URL url = ModelLoader.class.getResource("/" + ((ModelSource.Resource) spec.source()).name());
        Optional<String> subject = ModelLoader.resourceSubject(url);
        assumeTrue(subject.isPresent(), "the model is held by a file or a jar: " + url);
        assertEquals(Optional.of(spec.sha256()), VerifiedFiles.standard().recall(subject.get()));
        assertEquals(spec.sha256(), ModelLoader.load(spec).sha256(), "from the stamp");
    }
}
