package dev.faceembed.spark;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link StandaloneCluster} for the tests of one class, its JVMs set for {@link StandaloneCluster#QUICK_START}:
 * started before them in {@code target/spark-cluster/<test class>}, stopped after them. Its folder (logs, executor and driver folders) is
 * deleted when every test passed and kept when one failed, so the logs of a failure can be read.
 */
final class ClusterExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private final int workers;
    private StandaloneCluster cluster;
    private Path dir;
    private volatile boolean failed;

    ClusterExtension(int workers) {
        this.workers = workers;
    }

    StandaloneCluster cluster() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        StandaloneCluster.Layout layout = StandaloneCluster.Layout.fromBuild();
        dir = layout.buildDir().resolve("spark-cluster").resolve(context.getRequiredTestClass().getSimpleName());
        TestFiles.deleteTree(dir);
        Files.createDirectories(dir);
        cluster = StandaloneCluster.start(layout, dir, workers, StandaloneCluster.QUICK_START);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (failed || context.getExecutionException().isPresent()) {
            System.err.println("The cluster's logs and work folders are kept in " + dir);
        } else if (dir != null) {
            TestFiles.deleteTree(dir);
        }
    }
}
