package dev.faceembed.cache;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3 server for tests: s3proxy in this JVM on 127.0.0.1 and a free port, with its in-memory blob store and
 * signature checking against the credentials the store under test finds in its default chain.
 */
final class S3TestServer {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final S3Proxy proxy;
    private final S3Client client;

    private S3TestServer(S3Proxy proxy) {
        this.proxy = proxy;
        this.client = S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(),
                        secretKey())))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /**
     * @param conditionalWrites false hides the blob store's type from s3proxy, which then answers every conditional
     *                          write with 501 Not Implemented, as S3-compatible stores without the feature do
     */
    static S3TestServer start(boolean conditionalWrites) throws Exception {
        BlobStore store = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(conditionalWrites ? store : typeHidden(store))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey(), secretKey())
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3TestServer(proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A new empty bucket, so that tests sharing the server do not see each other's objects. */
    String newBucket() {
        String bucket = "engines-" + BUCKETS.incrementAndGet();
        client.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** Settings for a store on {@code bucket} under the prefix {@code team/engines}. */
    S3Settings settings(String bucket) {
        return S3Settings.forBucket(bucket).withPrefix("/team/engines/").withEndpoint(endpoint()).withMaxAttempts(2);
    }

    /** A plain client for the test's own reads and writes (tampering, checking what the bucket holds). */
    S3Client client() {
        return client;
    }

    private static String accessKey() {
        return System.getProperty("aws.accessKeyId");
    }

    private static String secretKey() {
        return System.getProperty("aws.secretAccessKey");
    }

    private static BlobStore typeHidden(BlobStore store) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (self, method, args) -> {
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    void stop() throws Exception {
        client.close();
        proxy.stop();
    }
}
