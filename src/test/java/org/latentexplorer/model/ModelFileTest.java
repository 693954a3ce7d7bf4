package org.latentexplorer.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelFileTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---------------------------------------------------------------------------------------------
    // Round trips

    @Test
    void roundTripWithOptimizerStateKeepsEverythingBitwise() throws IOException {
        SavedModel m = model(small(), true, 1);
        Path f = dir.resolve("models/bernoulli.lvae");
        ModelFile.write(f, m);
        assertSameModel(m, ModelFile.read(f));
    }

    @Test
    void roundTripWithoutOptimizerStateOfGaussianAutoencoder() throws IOException {
        ModelConfig cfg = ModelConfig.of(new PlainAutoencoder(), 6, 5, List.of(7, 3), 2, new Gaussian(0.3));
        SavedModel m = model(cfg, false, 2);
        Path f = dir.resolve("gaussian-ae.lvae");
        ModelFile.write(f, m);
        SavedModel back = ModelFile.read(f);
        assertSameModel(m, back);
        assertNull(back.optimizer());
        assertEquals("ae", back.config().kind().id());
        assertEquals(List.of("code"), back.config().heads());
    }

    @Test
    void roundTripOfStandardMnistSizedModel() throws IOException {
        SavedModel m = model(ModelConfig.standard(28, 28, 2), true, 3);
        Path f = dir.resolve("mnist.lvae");
        ModelFile.write(f, m);
        assertSameModel(m, ModelFile.read(f));
        long p = m.config().parameterCount();
        assertEquals(88 + headerLength(Files.readAllBytes(f)) + 12 * p, Files.size(f));
    }

    @Test
    void roundTripKeepsSpecialFloatsAndNonFiniteHistoryValues() throws IOException {
        SavedModel base = model(small(), true, 4);
        float[] params = base.params().clone();
        float[] special = {-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.MIN_NORMAL / 3, 1e-30f, Float.intBitsToFloat(0x3f800001)};
        System.arraycopy(special, 0, params, 0, special.length);
        TrainingHistory history = new TrainingHistory(List.of(
                new TrainingHistory.Epoch(1, 0.5, 0.0, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, -0.0, 1e300),
                new TrainingHistory.Epoch(2, 1.0 / 3, 4.0, 123.456, 0.1 + 0.2, 7, Double.MIN_VALUE, 10)));
        Map<String, String> info = new LinkedHashMap<>();
        info.put("", "empty key");
        info.put("unicode", "Größe 28×28 — 学习 \uD83D\uDE00");
        info.put("lone surrogate", "x\uD800y");
        info.put("quotes", "a \"quoted\"\nline\tand \\ backslash \u0000 nul");
        SavedModel m = new SavedModel(base.config(), params,
                new OptimizerState(1e-3, Long.MAX_VALUE, base.optimizer().state()), history, info);
        Path f = dir.resolve("special.lvae");
        ModelFile.write(f, m);
        assertSameModel(m, ModelFile.read(f));
    }

    @Test
    void sameModelAlwaysGivesSameBytes() throws IOException {
        SavedModel m = model(small(), true, 5);
        Path a = dir.resolve("a.lvae");
        Path b = dir.resolve("b.lvae");
        ModelFile.write(a, m);
        ModelFile.write(b, m);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void fileLayoutIsTheDocumentedOne() throws Exception {
        SavedModel m = model(small(), true, 6);
        Path f = dir.resolve("layout.lvae");
        ModelFile.write(f, m);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long p = m.config().parameterCount();

        assertArrayEquals(new byte[]{0x4C, 0x54, 0x4E, 0x54, 0x56, 0x41, 0x45, 0x00}, Arrays.copyOf(b, 8));
        assertEquals(2, le.getInt(8));
        int h = le.getInt(12);
        assertEquals(12 * p, le.getLong(16));
        assertEquals(88 + h + 12 * p, b.length);
        assertEquals('{', b[24]);
        assertArrayEquals(sha256(b, 0, 24 + h), Arrays.copyOfRange(b, 24 + h, 56 + h));
        assertArrayEquals(sha256(b, 0, b.length - 32), Arrays.copyOfRange(b, b.length - 32, b.length));
        assertEquals(Float.floatToRawIntBits(m.params()[0]), le.getInt(56 + h));
        assertEquals(Float.floatToRawIntBits(m.params()[(int) p - 1]), le.getInt(56 + h + 4 * ((int) p - 1)));
        assertEquals(Float.floatToRawIntBits(m.optimizer().state()[0]), le.getInt(56 + h + 4 * (int) p));

        ObjectNode header = (ObjectNode) JSON.readTree(header(b));
        assertEquals(List.of("config", "tensors", "optimizer", "history", "info"), fieldNames(header));
        ArrayNode tensors = (ArrayNode) header.get("tensors");
        List<ParamTensor> layout = m.config().layout();
        assertEquals(layout.size(), tensors.size());
        for (int i = 0; i < layout.size(); i++) {
            assertEquals(layout.get(i).name(), tensors.get(i).get("name").asText());
            assertEquals(4 * layout.get(i).offset(), tensors.get(i).get("offset").asLong());
            assertEquals("float32le", tensors.get(i).get("dtype").asText());
        }
        assertEquals(4 * p, header.get("optimizer").get("offset").asLong());
        assertEquals(8 * p, header.get("optimizer").get("length").asLong());
    }

    @Test
    void peekReadsHeaderWithoutWeights() throws IOException {
        SavedModel m = model(small(), true, 7);
        Path f = dir.resolve("peek.lvae");
        ModelFile.write(f, m);
        byte[] b = Files.readAllBytes(f);
        b[56 + headerLength(b) + 3] ^= 0x10;
        Files.write(f, b);

        ModelFileInfo info = ModelFile.peek(f);
        assertEquals(m.config(), info.config());
        assertTrue(info.hasOptimizerState());
        assertEquals(m.history().epochs(), info.history().epochs());
        assertEquals(m.info(), info.info());
        assertEquals(b.length, info.fileSize());
        assertEquals(m.config().parameterCount(), info.parameterCount());
        // The weights are what peek skips, so only read notices their damage.
        assertTrue(refused(f).getMessage().contains("checksum mismatch: the file is damaged"));
    }

    @Test
    void peekRefusesDamagedHeader() throws IOException {
        Path f = written(model(small(), false, 8));
        byte[] b = Files.readAllBytes(f);
        b[24 + headerLength(b) / 2] ^= 0x04;
        Files.write(f, b);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.peek(f));
        assertTrue(e.getMessage().startsWith(f + ": checksum mismatch: the header is damaged (expected "), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Damaged, foreign and hostile files

    @Test
    void truncatedAtAnyRegionIsRefusedAsTruncated() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), true, 9)));
        int h = headerLength(b);
        int[] cuts = {4, 7, 10, 20, 24 + h / 2, 24 + h + 5, 56 + h + 100, b.length - 32, b.length - 1};
        Path f = dir.resolve("cut.lvae");
        for (int cut : cuts) {
            Files.write(f, Arrays.copyOf(b, cut));
            String msg = refused(f).getMessage();
            assertTrue(msg.startsWith(f + ": truncated: " + n(cut) + " bytes"), msg);
        }
        Files.write(f, Arrays.copyOf(b, 56 + h + 100));
        assertEquals(f + ": truncated: " + n(56 + h + 100) + " bytes but the header promises "
                + n(b.length), refused(f).getMessage());
    }

    @Test
    void extraBytesAfterTheEndAreRefused() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), false, 10)));
        Path f = dir.resolve("long.lvae");
        Files.write(f, Arrays.copyOf(b, b.length + 3));
        assertTrue(refused(f).getMessage().contains("3 bytes of unexpected data after the end"));
    }

    @Test
    void bitFlipInHeaderIsRefusedAsDamaged() throws IOException {
        assertFlipRefusedAsDamaged(b -> 24 + headerLength(b) / 3);
    }

    @Test
    void bitFlipInHeaderChecksumIsRefusedAsDamaged() throws IOException {
        assertFlipRefusedAsDamaged(b -> 24 + headerLength(b) + 7);
    }

    @Test
    void bitFlipInDataIsRefusedAsDamaged() throws IOException {
        assertFlipRefusedAsDamaged(b -> 56 + headerLength(b) + 41);
    }

    @Test
    void bitFlipInOptimizerStateIsRefusedAsDamaged() throws IOException {
        assertFlipRefusedAsDamaged(b -> b.length - 32 - 5);
    }

    @Test
    void bitFlipInTrailerIsRefusedAsDamaged() throws IOException {
        assertFlipRefusedAsDamaged(b -> b.length - 1);
    }

    @Test
    void bitFlipAnywhereIsRefused() throws IOException {
        // A tiny model keeps one read per byte fast; every region is still there.
        ModelConfig tiny = ModelConfig.of(new Vae(1), 2, 2, List.of(3), 1, new Gaussian(0.5));
        byte[] b = Files.readAllBytes(written(model(tiny, true, 11)));
        Path f = dir.resolve("flip.lvae");
        List<String> expected = List.of("checksum mismatch", "not a Latent Explorer model file", "format version",
                "truncated", "out of range", "is invalid", "unexpected data after the end");
        for (int i = 0; i < b.length; i++) {
            byte[] c = b.clone();
            c[i] ^= (byte) (1 << (i % 8));
            Files.write(f, c);
            String msg = refused(f).getMessage();
            int at = i;
            assertTrue(expected.stream().anyMatch(msg::contains), () -> "byte " + at + ": " + msg);
        }
    }

    @Test
    void emptyFileIsRefusedAsNotAModelFile() throws IOException {
        Path f = dir.resolve("empty.lvae");
        Files.write(f, new byte[0]);
        assertEquals(f + ": empty file (0 bytes), not a Latent Explorer model file", refused(f).getMessage());
    }

    @Test
    void foreignFilesAreRefusedWithAGuessAtWhatTheyAre() throws IOException {
        Path f = dir.resolve("foreign.lvae");
        Files.write(f, new byte[]{'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3});
        assertEquals(f + ": not a Latent Explorer model file (starts with 'PK\\3\\4\\24\\0\\0\\0'; is it a zip?)",
                refused(f).getMessage());

        Files.write(f, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        assertTrue(refused(f).getMessage().contains("not a Latent Explorer model file (starts with '\\211PNG"));
        assertTrue(refused(f).getMessage().contains("is it a PNG image?"));

        Files.write(f, new byte[]{0, 0, 8, 3, 0, 0, (byte) 0xea, 0x60, 0, 0, 0, 28});
        assertTrue(refused(f).getMessage().contains("MNIST IDX"));

        Files.writeString(f, "hello, this is plain text and long enough to pass the size check");
        assertEquals(f + ": not a Latent Explorer model file (starts with 'hello, t')", refused(f).getMessage());

        Files.write(f, new byte[]{'L', 'T', 'N'});
        assertTrue(refused(f).getMessage().startsWith(f + ": truncated: 3 bytes"));
    }

    @Test
    void newerFormatVersionIsRefusedNamingBothVersions() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), true, 12)));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99);
        reseal(b);
        Path f = dir.resolve("v99.lvae");
        Files.write(f, b);
        String msg = refused(f).getMessage();
        assertEquals(f + ": written by format version 99; this program reads versions 1 to 2 (a newer Latent Explorer"
                + " may read it)", msg);

        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0);
        reseal(b);
        Files.write(f, b);
        assertEquals(f + ": written by format version 0; this program reads versions 1 to 2", refused(f).getMessage());
    }

    @Test
    void hostileHeaderLengthIsRefusedFastWithoutAllocating() throws IOException {
        Path f = dir.resolve("hostile.lvae");
        for (int claim : new int[]{0x7fffffff, -1, Integer.MIN_VALUE, 0x7fffffff - 55, 1}) {
            Files.write(f, prefix(claim, 0, 200));
            String msg = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refused(f).getMessage());
            assertTrue(msg.startsWith(f + ": the header length " + n(claim)
                    + " bytes is out of range (2 to 16,777,216)"), msg);
        }
        // Within the cap but far beyond the file: promised, not allocated.
        Files.write(f, prefix(10 << 20, 0, 200));
        String msg = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refused(f).getMessage());
        assertEquals(f + ": truncated: 224 bytes but the header promises 10,485,848", msg);
    }

    @Test
    void hostileDataLengthIsRefusedFastWithoutAllocating() throws IOException {
        Path f = dir.resolve("hostile-data.lvae");
        for (long claim : new long[]{Long.MAX_VALUE, Long.MIN_VALUE, -4, 6, (1L << 31) + 4}) {
            Files.write(f, prefix(100, claim, 200));
            String msg = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refused(f).getMessage());
            assertTrue(msg.startsWith(f + ": the data length " + n(claim) + " bytes is invalid"), msg);
        }
        Files.write(f, prefix(100, 1L << 31, 200));
        assertTrue(refused(f).getMessage().contains("truncated: 224 bytes but the header promises 2,147,483,836"));
    }

    @Test
    void headerClaimingAHugeModelIsRefusedBeforeAllocating() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), false, 13)));
        ObjectNode header = headerJson(b);
        ObjectNode cfg = (ObjectNode) header.get("config");
        cfg.put("rows", 1024).put("cols", 1024);
        ArrayNode encoder = cfg.putArray("encoder");
        ArrayNode decoder = cfg.putArray("decoder");
        for (int i = 0; i < 8; i++) {
            encoder.add(8192);
            decoder.add(8192);
        }
        Path f = rewritten(b, header);
        String msg = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(f).getMessage());
        assertTrue(msg.startsWith(f + ": the model has 18,120,622,084 parameters, more than the 170,000,000 this program loads"), msg);
    }

    @Test
    void tensorTableNotMatchingTheConfigIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), true, 14)));

        ObjectNode header = headerJson(b);
        ((ObjectNode) header.get("tensors").get(0)).put("rows", 31);
        assertEquals("tensor encoder.0.W is 31 x 7 in the tensor table but the config makes it 30 x 7",
                problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("tensors").get(2)).put("name", "encoder.1.b");
        assertEquals("tensor table entry 2 is 'encoder.1.b' but the config puts 'encoder.1.W' there",
                problem(rewritten(b, header)));

        header = headerJson(b);
        ((ArrayNode) header.get("tensors")).remove(13);
        assertEquals("the tensor table has 13 entries but the config needs 14", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("tensors").get(1)).put("offset", 844);
        assertTrue(problem(rewritten(b, header)).startsWith("tensor encoder.0.b is at bytes 844 (+28) in the tensor table"
                + " but the config puts it at 840 (+28)"));

        header = headerJson(b);
        ((ObjectNode) header.get("tensors").get(4)).put("dtype", "float64");
        assertEquals("tensor mu.W has dtype 'float64'; this program reads only float32le", problem(rewritten(b, header)));
    }

    @Test
    void optimizerStateOfWrongSizeIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), true, 15)));
        ObjectNode header = headerJson(b);
        ((ObjectNode) header.get("optimizer")).put("length", 4 * 534);
        String problem = problem(rewritten(b, header));
        assertTrue(problem.startsWith("the optimizer state is at bytes 2,136 (+2,136) but must follow the parameters"
                + " at 2,136 and hold 2 x 534 floats (+4,272)"), problem);
    }

    @Test
    void dataLengthNotMatchingTheTableIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), true, 16)));
        ObjectNode header = headerJson(b);
        header.putNull("optimizer");
        assertEquals("the data section is 6,408 bytes but the tensor table needs 2,136", problem(rewritten(b, header)));
    }

    @Test
    void invalidConfigIsRefusedWithTheConstructorsReason() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), false, 17)));

        ObjectNode header = headerJson(b);
        ((ObjectNode) header.get("config")).put("latent", 0);
        assertEquals("the header's config is invalid: latent dimension 0 is outside 1..256", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).putObject("likelihood").put("type", "gaussian").put("sigma", -1.0);
        assertEquals("header field config.likelihood: Gaussian sigma must be a positive number, not -1.0",
                problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).putObject("likelihood").put("type", "poisson");
        assertEquals("header field config.likelihood.type is 'poisson'; expected bernoulli, gaussian, gaussian-learned"
                + " or squared-error", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).putObject("kind").put("id", "gan");
        assertEquals("header field config.kind.id: unknown model kind 'gan'; known: vae, ae, sparse-ae, denoising-ae,"
                + " probabilistic-ae, linear-ae, pca", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).putObject("kind").put("id", "vae").put("beta", -2.0);
        assertEquals("header field config.kind.beta: beta must be between 0 and 1000, not -2.0",
                problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).putObject("kind").put("id", "vae");
        assertEquals("the header is missing field config.kind.beta", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).put("activation", "swish");
        assertTrue(problem(rewritten(b, header)).startsWith("header field config.activation: unknown activation function"
                + " 'swish'"));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).putObject("kind").put("id", "pca");
        assertEquals("the header's config is invalid: PCA is linear: it has no hidden layers, not [7, 3] and [3, 7]",
                problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).put("rows", 6.5);
        assertEquals("header field config.rows must be a 32-bit integer, not 6.5", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).put("rows", 1L << 40);
        assertEquals("header field config.rows must be a 32-bit integer, not 1099511627776", problem(rewritten(b, header)));
    }

    @Test
    void missingOrUnexpectedHeaderFieldsAreRefused() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), true, 18)));

        ObjectNode header = headerJson(b);
        header.remove("history");
        assertEquals("the header is missing field history", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("history").get(1)).remove("testPenalty");
        assertEquals("the header is missing field history[1].testPenalty", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("config")).put("dropout", 0.5);
        assertEquals("the header has an unexpected field config.dropout", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("info")).put("seed", 42);
        assertEquals("header field info.seed must be a string, not 42", problem(rewritten(b, header)));

        header = headerJson(b);
        ((ObjectNode) header.get("history").get(0)).put("weight", "lots");
        assertTrue(problem(rewritten(b, header)).startsWith("header field history[0].weight must be a number"));
    }

    @Test
    void headerThatIsNotStrictJsonIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), false, 19)));
        String json = header(b);

        assertTrue(problem(rewritten(b, "not json at all")).startsWith("the header is not valid JSON"));
        assertTrue(problem(rewritten(b, json + " {}")).startsWith("the header is not valid JSON"));
        assertTrue(problem(rewritten(b, "[1, 2]")).startsWith("the header is JSON but not an object"));
        assertTrue(problem(rewritten(b, "{\"info\": {}, " + json.substring(1)))
                .startsWith("the header is not valid JSON: Duplicate field 'info'"));
        assertTrue(json.contains("\"beta\":1.0"), json);
        assertTrue(problem(rewritten(b, json.replace("\"beta\":1.0", "\"beta\":NaN")))
                .startsWith("the header is not valid JSON"));

        byte[] notUtf8 = json.getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 3] = (byte) 0xC3;
        assertEquals("the header is not valid UTF-8 text", problem(rewritten(b, notUtf8)));
    }

    @Test
    void deeplyNestedHeaderIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), false, 20)));
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String json = header(b).replace("\"info\":{", "\"deep\":" + deep + ",\"info\":{");
        Path f = rewritten(b, json);
        String problem = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> problem(f));
        assertTrue(problem.startsWith("the header breaks a JSON limit") && problem.contains("nesting depth"), problem);
    }

    @Test
    void headerWithTooManyTokensIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), false, 21)));
        String many = "[" + "0,".repeat(1_200_000) + "0]";
        assertTrue(header(b).contains("\"encoder\":[7,3]"), header(b));
        String json = header(b).replace("\"encoder\":[7,3]", "\"encoder\":" + many);
        Path f = rewritten(b, json);
        String problem = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problem(f));
        assertEquals("the header has more than 1,000,000 JSON tokens", problem);
    }

    @Test
    void nanWeightIsRefusedNamingTheTensor() throws IOException {
        SavedModel m = model(small(), true, 22);
        byte[] b = Files.readAllBytes(written(m));
        ParamTensor mu = m.config().layout().stream().filter(t -> t.name().equals("mu.W")).findFirst().orElseThrow();
        long index = mu.offset() + 3;
        putFloat(b, 56 + headerLength(b) + 4 * (int) index, Float.NaN);
        reseal(b);
        Path f = dir.resolve("nan.lvae");
        Files.write(f, b);
        assertEquals(f + ": tensor mu.W holds NaN at element 3; the model is unusable", refused(f).getMessage());
    }

    @Test
    void infiniteOptimizerStateIsRefusedNamingWhere() throws IOException {
        SavedModel m = model(small(), true, 23);
        byte[] b = Files.readAllBytes(written(m));
        int p = (int) m.config().parameterCount();
        putFloat(b, 56 + headerLength(b) + 4 * (p + p + 5), Float.NEGATIVE_INFINITY);
        reseal(b);
        Path f = dir.resolve("inf.lvae");
        Files.write(f, b);
        assertEquals(f + ": the optimizer state holds -Infinity in the second moment of encoder.0.W, element 5;"
                + " training cannot continue from it", refused(f).getMessage());
    }

    @Test
    void missingFileIsRefused() {
        Path f = dir.resolve("nowhere/none.lvae");
        assertEquals(f + ": no such file", refused(f).getMessage());
        assertEquals(f + ": no such file",
                assertThrows(ModelFileException.class, () -> ModelFile.peek(f)).getMessage());
    }

    @Test
    void directoryIsRefused() throws IOException {
        Path d = Files.createDirectory(dir.resolve("folder.lvae"));
        assertEquals(d + ": is a directory, not a model file", refused(d).getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Atomic writes

    @Test
    void writeCreatesMissingParentDirectories() throws IOException {
        Path f = dir.resolve("a/b/c/model.lvae");
        ModelFile.write(f, model(small(), false, 24));
        assertTrue(Files.isRegularFile(f));
        assertEquals(List.of(f.getFileName()), listing(f.getParent()));
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path f = written(model(small(), false, 25));
        SavedModel newer = model(small(), true, 26);
        ModelFile.write(f, newer);
        assertSameModel(newer, ModelFile.read(f));
        assertEquals(List.of(f.getFileName()), listing(dir));
    }

    @Test
    void invalidModelIsRejectedBeforeTouchingTheDisk() throws IOException {
        Path f = written(model(small(), true, 27));
        byte[] before = Files.readAllBytes(f);
        SavedModel good = model(small(), true, 28);
        ModelConfig cfg = good.config();

        SavedModel shortParams = new SavedModel(cfg, new float[10], null, good.history(), good.info());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.write(f, shortParams));
        assertEquals("params has 10 floats but VAE (β = 1) 30-7-3-2, Bernoulli needs 534", e.getMessage());

        float[] nan = good.params().clone();
        nan[210] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.write(f,
                new SavedModel(cfg, nan, null, good.history(), good.info())));
        assertEquals("cannot save non-finite weights: tensor encoder.0.b holds NaN at element 0", e.getMessage());

        SavedModel badOptimizer = new SavedModel(cfg, good.params(), new OptimizerState(1e-3, 5, new float[534]),
                good.history(), good.info());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.write(f, badOptimizer));
        assertEquals("the optimizer state has 534 floats but must have 2 x 534", e.getMessage());

        SavedModel zeroEpoch = new SavedModel(cfg, good.params(), null,
                new TrainingHistory(List.of(new TrainingHistory.Epoch(0, 1, 1, 1, 1, 1, 1, 1))), good.info());
        assertThrows(IllegalArgumentException.class, () -> ModelFile.write(f, zeroEpoch));

        ModelConfig ae = ModelConfig.of(new PlainAutoencoder(), 6, 5, List.of(7, 3), 2, Bernoulli.INSTANCE);
        SavedModel aeWithKl = new SavedModel(ae, new float[(int) ae.parameterCount()], null, good.history(), good.info());
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.write(f, aeWithKl));
        assertEquals("history epoch 1 has penalty figures, but an autoencoder has no penalty term", e.getMessage());

        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(List.of(f.getFileName()), listing(dir));

        Path elsewhere = dir.resolve("new-folder/model.lvae");
        assertThrows(IllegalArgumentException.class, () -> ModelFile.write(elsewhere, shortParams));
        assertFalse(Files.exists(elsewhere.getParent()));
    }

    @Test
    void failureJustBeforeTheRenameKeepsThePreviousFileAndLeavesNoTempFile() throws IOException {
        Path f = written(model(small(), true, 29));
        byte[] before = Files.readAllBytes(f);
        List<Path> seenTemp = new ArrayList<>();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModelFile.write(f,
                model(ModelConfig.standard(28, 28, 2), true, 30), () -> {
                    try {
                        seenTemp.addAll(listing(dir));
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    throw new UncheckedIOException(new IOException("No space left on device"));
                }));
        assertEquals("No space left on device", e.getCause().getMessage());
        assertEquals(2, seenTemp.size(), "the finished temporary file sits next to the target: " + seenTemp);
        assertTrue(seenTemp.stream().anyMatch(p -> p.toString().startsWith("." + f.getFileName() + ".tmp-")), seenTemp::toString);
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(List.of(f.getFileName()), listing(dir));
        ModelFile.read(f);
    }

    @Test
    void writeIntoReadOnlyDirectoryFailsAndKeepsThePreviousFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("locked"));
        Path f = sub.resolve("model.lvae");
        ModelFile.write(f, model(small(), true, 31));
        byte[] before = Files.readAllBytes(f);
        PosixFileAttributeView view = Files.getFileAttributeView(sub, PosixFileAttributeView.class);
        assumeTrue(view != null, "needs POSIX permissions");
        view.setPermissions(PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(sub), "permissions are not enforced for this user (root?)");
            assertThrows(IOException.class, () -> ModelFile.write(f, model(small(), true, 32)));
            assertArrayEquals(before, Files.readAllBytes(f));
            assertEquals(List.of(f.getFileName()), listing(sub));
        } finally {
            view.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void writeOverADirectoryIsRefused() throws IOException {
        Path d = Files.createDirectory(dir.resolve("taken.lvae"));
        IOException e = assertThrows(IOException.class, () -> ModelFile.write(d, model(small(), false, 33)));
        assertTrue(e.getMessage().contains("is a directory"));
        assertTrue(Files.isDirectory(d));
        assertEquals(List.of(d.getFileName()), listing(dir));
    }

    // ---------------------------------------------------------------------------------------------
    // Fixtures and format tools

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static ModelConfig small() {
        return ModelConfig.of(new Vae(1), 6, 5, List.of(7, 3), 2, Bernoulli.INSTANCE);
    }

    private static SavedModel model(ModelConfig cfg, boolean withOptimizer, long seed) {
        Random r = new Random(seed);
        int p = (int) cfg.parameterCount();
        float[] params = new float[p];
        for (int i = 0; i < p; i++) {
            params[i] = (float) (r.nextGaussian() * 0.1);
        }
        OptimizerState opt = null;
        if (withOptimizer) {
            float[] state = new float[2 * p];
            for (int i = 0; i < 2 * p; i++) {
                state[i] = i < p ? (float) r.nextGaussian() * 1e-3f : r.nextFloat() * 1e-6f;
            }
            opt = new OptimizerState(1e-3, 1234, state);
        }
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            boolean penalty = cfg.kind().penalty().isPresent();
            epochs.add(new TrainingHistory.Epoch(e, 12.5 * e, penalty ? Math.min(1.0, e / 2.0) : Double.NaN,
                    150.0 / e + r.nextDouble(), penalty ? 5 + r.nextDouble() : Double.NaN, 160.0 / e,
                    penalty ? 5.5 : Double.NaN, 4321.5));
        }
        Map<String, String> info = Map.of("dataset", "mnist", "seed", Long.toString(seed), "created", "2025-01-02T03:04:05Z");
        return new SavedModel(cfg, params, opt, new TrainingHistory(epochs), info);
    }

    private Path written(SavedModel m) throws IOException {
        Path f = dir.resolve("model.lvae");
        ModelFile.write(f, m);
        return f;
    }

    private static void assertSameModel(SavedModel expected, SavedModel actual) {
        assertEquals(expected.config(), actual.config());
        assertArrayEquals(bits(expected.params()), bits(actual.params()));
        if (expected.optimizer() == null) {
            assertNull(actual.optimizer());
        } else {
            assertEquals(expected.optimizer().learningRate(), actual.optimizer().learningRate());
            assertEquals(expected.optimizer().iteration(), actual.optimizer().iteration());
            assertArrayEquals(bits(expected.optimizer().state()), bits(actual.optimizer().state()));
        }
        assertEquals(expected.history().epochs(), actual.history().epochs());
        assertEquals(expected.info(), actual.info());
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    private static ModelFileException refused(Path f) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertEquals(f.toString(), e.file());
        return e;
    }

    private static String problem(Path f) {
        return refused(f).problem();
    }

    private interface Offset {
        int in(byte[] file);
    }

    private void assertFlipRefusedAsDamaged(Offset where) throws IOException {
        byte[] b = Files.readAllBytes(written(model(small(), true, 40)));
        b[where.in(b)] ^= 0x20;
        Path f = dir.resolve("flipped.lvae");
        Files.write(f, b);
        String msg = refused(f).getMessage();
        assertTrue(msg.matches(java.util.regex.Pattern.quote(f.toString())
                + ": checksum mismatch: the file is damaged \\(expected [0-9a-f]{12}\\.\\.\\., found [0-9a-f]{12}\\.\\.\\.\\)"), msg);
    }

    private static List<Path> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(Path::getFileName).sorted().toList();
        }
    }

    private static List<String> fieldNames(ObjectNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // The format as documented, rebuilt here independently of the implementation.

    private static int headerLength(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
    }

    private static String header(byte[] b) {
        return new String(b, 24, headerLength(b), StandardCharsets.UTF_8);
    }

    private static ObjectNode headerJson(byte[] b) throws IOException {
        return (ObjectNode) JSON.readTree(header(b));
    }

    private static void putFloat(byte[] b, int at, float v) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(at, v);
    }

    /** Recomputes both checksums, so that only the edit under test is wrong with the file. */
    private static void reseal(byte[] b) {
        int h = headerLength(b);
        System.arraycopy(sha256(b, 0, 24 + h), 0, b, 24 + h, 32);
        System.arraycopy(sha256(b, 0, b.length - 32), 0, b, b.length - 32, 32);
    }

    /** The same file with another header and valid checksums. */
    private Path rewritten(byte[] b, byte[] newHeader) throws IOException {
        int h = headerLength(b);
        byte[] data = Arrays.copyOfRange(b, 56 + h, b.length - 32);
        ByteBuffer out = ByteBuffer.allocate(88 + newHeader.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(b, 0, 12).putInt(newHeader.length).putLong(data.length).put(newHeader).put(new byte[32]).put(data);
        byte[] c = out.array();
        reseal(c);
        Path f = dir.resolve("edited.lvae");
        Files.write(f, c);
        return f;
    }

    private Path rewritten(byte[] b, String newHeader) throws IOException {
        return rewritten(b, newHeader.getBytes(StandardCharsets.UTF_8));
    }

    private Path rewritten(byte[] b, ObjectNode newHeader) throws IOException {
        return rewritten(b, JSON.writeValueAsBytes(newHeader));
    }

    /** A valid magic and version with the given lengths, followed by filler. */
    private static byte[] prefix(int headerLength, long dataLength, int filler) {
        ByteBuffer out = ByteBuffer.allocate(24 + filler).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ModelFile.MAGIC).putInt(1).putInt(headerLength).putLong(dataLength);
        return out.array();
    }

    private static byte[] sha256(byte[] b, int from, int to) {
        MessageDigest d = ModelFile.sha256();
        d.update(b, from, to - from);
        return d.digest();
    }
}
