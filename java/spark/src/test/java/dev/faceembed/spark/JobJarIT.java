package dev.faceembed.spark;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job jar coexists with what a Spark job's class path may already hold: the AWS SDK (hadoop-aws and its SDK
 * bundle) and Apache HttpClient 5 are relocated, and the relocated S3 client still works; ONNX Runtime's third-party
 * notices are kept.
 */
@Tag("integration")
class JobJarIT {
    private static final Path JOB_JAR = StandaloneCluster.Layout.fromBuild().jobJar();
    private static final List<String> UNRELOCATED = List.of("software/amazon/", "org/apache/hc/",
            "org/reactivestreams/", "org/yaml/snakeyaml/");

    @Test
    void noUnrelocatedAwsSdkOrHttpClientClassesAndTheNoticesAreKept() throws Exception {
        try (ZipFile jar = new ZipFile(JOB_JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();

            assertEquals(List.of(), names.stream().filter(name -> UNRELOCATED.stream().anyMatch(name::startsWith))
                    .toList());
            assertTrue(names.contains(RelocatedS3RoundTrip.RELOCATED_CLIENT.replace('.', '/') + ".class"));
            assertTrue(names.contains("dev/faceembed/shaded/hc/client5/http/impl/classic/CloseableHttpClient.class"));
            assertTrue(read(jar, "META-INF/onnxruntime/ThirdPartyNotices.txt")
                    .startsWith("THIRD PARTY SOFTWARE NOTICES"));
            assertTrue(names.contains("dev/faceembed/onnxruntime/native/linux-x86_64/libonnxruntime.so"));
            assertTrue(read(jar, "META-INF/services/dev.faceembed.shaded.awssdk.http.SdkHttpService")
                    .contains("dev.faceembed.shaded.awssdk.http.apache5.Apache5SdkHttpService"));
            String backends = read(jar, "META-INF/services/dev.faceembed.spi.BackendProvider");
            assertTrue(backends.contains("OnnxRuntimeProvider") && backends.contains("TensorRtProvider"), backends);
        }
    }

    @Test
    void theRelocatedS3ClientUploadsAndDownloadsAnEngine(@TempDir Path dir) throws Exception {
        String accessKey = System.getProperty("aws.accessKeyId");
        String secretKey = System.getProperty("aws.secretAccessKey");
        S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        try {
            awaitStarted(proxy);
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            try (S3Client client = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                    .region(Region.US_EAST_1).httpClientBuilder(Apache5HttpClient.builder())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(accessKey, secretKey)))
                    .build()) {
                client.createBucket(b -> b.bucket("engines"));
            }
            ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", String.join(File.pathSeparator, JOB_JAR.toString(), location(
                    RelocatedS3RoundTrip.class), location(Logger.class)), RelocatedS3RoundTrip.class.getName(),
                    endpoint.toString(), "engines", dir.toString()).redirectErrorStream(true);
            Map<String, String> env = child.environment();
            env.keySet().removeIf(key -> key.startsWith("AWS_"));
            env.putAll(Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey,
                    "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONFIG_FILE", dir.resolve("none").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString()));
            Process process = child.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES));

            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("client class from: " + JOB_JAR), output);
            assertTrue(output.contains("original client class: absent"), output);
            assertTrue(output.contains("upload: UPLOADED"), output);
            assertTrue(output.contains("download: the uploaded plan"), output);
        } finally {
            proxy.stop();
        }
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String read(ZipFile jar, String name) throws Exception {
        ZipEntry entry = jar.getEntry(name);
        assertTrue(entry != null, () -> name + " is not in " + JOB_JAR);
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }
}
