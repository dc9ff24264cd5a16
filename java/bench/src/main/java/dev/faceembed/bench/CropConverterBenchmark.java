package dev.faceembed.bench;

import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.preprocess.CropConverter;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The uint8 HWC RGB to float32 NCHW conversion of one 112x112 crop, alone, on one core, average time per crop:
 * {@link CropConverter} as shipped (per plane, a stride-3 byte gather and a table load per value), the options
 * measured against it (a heap-array copy of the crop; the incubating Vector API: one byte vector holds the bytes of a
 * float vector's worth of pixels, a shuffle per plane gathers its channel, widened to ints, converted, normalised),
 * and the floor: a loop that only widens the same bytes to floats in place order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class CropConverterBenchmark {
    private static final int PIXELS = 112 * 112;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    private static final VectorSpecies<Byte> PLANE_BYTES = VectorSpecies.of(byte.class,
            VectorShape.forBitSize(LANES * Byte.SIZE));

    private Arena arena;
    private MemorySegment src;
    private MemorySegment dst;
    private CropConverter converter;
    private final float[][] table = new float[3][256];
    private final int[] sourceChannel = new int[3];
    private final float[] mean = new float[3];
    private final float[] std = new float[3];
    private final byte[] bytes = new byte[3 * PIXELS];
    private final float[] floats = new float[3 * PIXELS];
    private VectorShuffle<Byte>[] gather;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        arena = Arena.ofConfined();
        src = arena.allocate(3L * PIXELS, 64);
        new Random(7).nextBytes(bytes);
        MemorySegment.copy(bytes, 0, src, ValueLayout.JAVA_BYTE, 0, bytes.length);
        dst = arena.allocate(3L * PIXELS * Float.BYTES, 64);
        Preprocessing pre = ModelSpec.bundledDefault().preprocessing();
        converter = new CropConverter(pre, Preprocessing.ARCFACE_CROP);
        gather = new VectorShuffle[3];
        for (int plane = 0; plane < 3; plane++) {
            int channel = pre.channelOrder().rgbChannelOfPlane(plane);
            sourceChannel[plane] = channel;
            for (int p = 0; p < 256; p++) {
                table[plane][p] = pre.normalise(plane, p);
            }
            gather[plane] = VectorShuffle.fromOp(BYTES, lane -> lane < LANES ? 3 * lane + channel : 0);
            mean[plane] = pre.mean().get(plane).floatValue();
            std[plane] = pre.std().get(plane).floatValue();
        }
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float shipped() {
        converter.convert(src, 0, 1, dst);
        return dst.get(ValueLayout.JAVA_FLOAT, 0);
    }

    /** Pixel order from a heap copy of the crop into a heap float array, copied out at the end. */
    @Benchmark
    public float heapArrays() {
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 0, bytes, 0, bytes.length);
        float[] t0 = table[0];
        float[] t1 = table[1];
        float[] t2 = table[2];
        for (int i = 0; i < PIXELS; i++) {
            int in = 3 * i;
            floats[i] = t0[bytes[in + sourceChannel[0]] & 0xff];
            floats[PIXELS + i] = t1[bytes[in + sourceChannel[1]] & 0xff];
            floats[2 * PIXELS + i] = t2[bytes[in + sourceChannel[2]] & 0xff];
        }
        MemorySegment.copy(floats, 0, dst, ValueLayout.JAVA_FLOAT, 0, floats.length);
        return dst.get(ValueLayout.JAVA_FLOAT, 0);
    }

    /** The Vector API, with the scalar table loop for the last pixels, where a byte vector would read past the crop. */
    @Benchmark
    public float vectorApi() {
        long planeBytes = (long) PIXELS * Float.BYTES;
        int vectorPixels = ((3 * PIXELS - BYTES.length()) / 3 + 1) / LANES * LANES;
        for (int i = 0; i < vectorPixels; i += LANES) {
            ByteVector pixels = ByteVector.fromMemorySegment(BYTES, src, 3L * i, ByteOrder.LITTLE_ENDIAN);
            for (int plane = 0; plane < 3; plane++) {
                IntVector values = (IntVector) pixels.rearrange(gather[plane]).reinterpretShape(PLANE_BYTES, 0)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                ((FloatVector) values.convert(VectorOperators.I2F, 0)).sub(mean[plane]).div(std[plane])
                        .intoMemorySegment(dst, plane * planeBytes + (long) i * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
            }
        }
        for (int plane = 0; plane < 3; plane++) {
            for (int i = vectorPixels; i < PIXELS; i++) {
                dst.set(ValueLayout.JAVA_FLOAT, plane * planeBytes + (long) i * Float.BYTES,
                        table[plane][Byte.toUnsignedInt(src.get(ValueLayout.JAVA_BYTE, 3L * i + sourceChannel[plane]))]);
            }
        }
        return dst.get(ValueLayout.JAVA_FLOAT, 0);
    }

    /** The floor: every byte widened to a float in place order, as many bytes read and written as the conversion. */
    @Benchmark
    public float widenOnly() {
        for (int i = 0; i < 3 * PIXELS; i++) {
            dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED, (long) i * Float.BYTES,
                    Byte.toUnsignedInt(src.get(ValueLayout.JAVA_BYTE, i)));
        }
        return dst.get(ValueLayout.JAVA_FLOAT, 0);
    }
}
