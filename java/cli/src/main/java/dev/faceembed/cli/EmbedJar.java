package dev.faceembed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * What {@code java -jar embed.jar} runs on Java 22+ ({@link Launcher} is the jar's Main-Class): a command that opens
 * a backend in a JVM started with the jar's {@link AotCache} when there is one; everything else here, after which a
 * missing cache is made in the background for the commands that follow. Commands that open no backend ({@code
 * --version}, {@code --help}, {@code cache}) gain less from the cache than a second JVM costs.
 */
public final class EmbedJar {
    private EmbedJar() {
    }

    public static void main(String[] args) {
        if (System.getProperty(AotCache.CACHE_PROPERTY) != null) {
            ChildProcess.endWithParent();
        }
        Optional<AotCache> cache = AotCache.forThisProcess(System.getenv());
        if (cache.isPresent() && Commands.opensBackend(args) && cache.get().ready()) {
            try {
                System.exit(cache.get().run(args));
            } catch (IOException e) {
                // The JVM with the cache could not start: run here instead.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                System.exit(ExitCodes.RUNTIME_FAILURE);
            }
        }
        int code = EmbedCli.execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        cache.filter(c -> !c.ready()).ifPresent(AotCache::createInBackground);
        System.exit(code);
    }
}
