package dev.faceembed.cli;

import dev.faceembed.cache.CacheEntry;
import dev.faceembed.cache.EngineCache;
import dev.faceembed.cache.EngineTarget;
import dev.faceembed.cache.PruneReport;
import dev.faceembed.cache.PrunePolicy;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.trt.EngineResolver;
import dev.faceembed.trt.TensorRtOptions;
import dev.faceembed.trt.GpuEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code embed cache list|verify|prune}: see and clean the local TensorRT engine cache. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "See and clean the local TensorRT engine cache (tensorrt.engine_cache_dir).",
        subcommands = {CacheCommand.ListEntries.class, CacheCommand.Verify.class, CacheCommand.Prune.class})
final class CacheCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, verify or prune");
    }

    /** Options shared by the subcommands. */
    static final class CacheOptions {
        @Mixin
        ConfigOptions configOptions;

        @Option(names = "--engine-cache", paramLabel = "DIR",
                description = "The cache folder. Default: tensorrt.engine_cache_dir (null:"
                        + " $$FACEEMBED_CACHE_DIR/engines, else $${XDG_CACHE_HOME:-~/.cache}/faceembed/engines).")
        Path engineCache;

        @Mixin
        JsonOption json;

        <T> T withCache(Function<EngineCache, T> action) {
            PipelineConfig config = configOptions.loader()
                    .flag(TensorRtOptions.ENGINE_CACHE_DIR.path(), RunOptions.text(engineCache), "--engine-cache")
                    .load();
            try (EngineCache cache = EngineResolver.openCache(config.section(TensorRtOptions.SECTION))) {
                return action.apply(cache);
            }
        }
    }

    private static int printEntries(CommandSpec spec, List<CacheEntry> entries, JsonOption json) {
        PrintWriter out = json.report(spec);
        if (entries.isEmpty()) {
            out.println("(empty)");
        } else {
            for (CacheEntry e : entries) {
                out.printf("%-10s %12d  %s%s%n", e.status().name().toLowerCase(), e.planBytes(), e.stem(),
                        e.problem().isEmpty() ? "" : "  (" + e.problem() + ")");
            }
        }
        out.flush();
        json.write(entries.stream().map(CacheEntry::toMap).toList(), spec);
        return entries.stream().allMatch(e -> e.status().usable()) ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE},
            description = "List the entries with their status (sizes are checked, not hashes).")
    static final class ListEntries implements Callable<Integer> {
        @Mixin
        CacheOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<CacheEntry> entries = options.withCache(EngineCache::list);
            printEntries(spec, entries, options.json);
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.OK_LINE, ExitCodes.UNUSABLE_ENTRY_LINE, ExitCodes.USAGE_LINE},
            description = "Check every entry's sha256 against its sidecar; exit code 1 when any entry is unusable.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        CacheOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return printEntries(spec, options.withCache(EngineCache::verify), options.json);
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE},
            description = "Remove corrupt and incomplete entries and stale temporary files; optionally old entries"
                    + " and entries for another GPU or TensorRT version.")
    static final class Prune implements Callable<Integer> {
        @Mixin
        CacheOptions options;

        @Option(names = "--max-age-days", paramLabel = "N", description = "Also remove entries built more than N"
                + " days ago.")
        Integer maxAgeDays;

        @Option(names = "--other-targets", description = "Also remove entries for another GPU architecture or"
                + " TensorRT version than this machine's (needs the GPU and TensorRT to tell).")
        boolean otherTargets;

        @Option(names = "--dry-run", description = "Only report what would be removed.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrunePolicy policy = PrunePolicy.defaults();
            if (maxAgeDays != null) {
                policy = policy.withMaxAge(Duration.ofDays(maxAgeDays));
            }
            if (otherTargets) {
                GpuEnvironment env = GpuEnvironment.probe();
                if (env.failure().isPresent() || env.devices().isEmpty()) {
                    throw new IllegalArgumentException("--other-targets needs this machine's GPU and TensorRT: "
                            + env.failure().orElse("no GPU"));
                }
                var gpu = env.devices().getFirst();
                policy = policy.keepingOnly(new EngineTarget(gpu.computeMajor(), gpu.computeMinor(),
                        env.tensorRtVersion(), gpu.name()));
            }
            if (dryRun) {
                policy = policy.asDryRun();
            }
            PrunePolicy chosen = policy;
            PruneReport report = options.withCache(cache -> cache.prune(chosen));
            PrintWriter out = options.json.report(spec);
            report.removed().forEach(f -> out.printf("%s %s (%d bytes, %s)%n", report.dryRun()
                    ? "would remove" : "removed", f.file(), f.bytes(), f.reason()));
            report.skipped().forEach(s -> out.println("skipped " + s));
            out.printf("%s %d bytes%n", report.dryRun() ? "would free" : "freed", report.bytesFreed());
            out.flush();
            options.json.write(report.toMap(), spec);
            return ExitCodes.OK;
        }
    }

}
