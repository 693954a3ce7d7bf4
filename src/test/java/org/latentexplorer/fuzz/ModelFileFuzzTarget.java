package org.latentexplorer.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Set;

import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ModelFileException;
import org.latentexplorer.model.ModelFileInfo;
import org.latentexplorer.model.SavedModel;

/**
 * {@link ModelFile#peek} and {@link ModelFile#read} on one file.
 *
 * <p>A model file carries two SHA-256 checksums, which random changes almost never satisfy; left
 * alone, the fuzzer would only ever exercise the checksum test. So byte 0 chooses how the rest
 * becomes the file:
 * <ul>
 *   <li>{@link #RAW}: the rest is the file, as it is;</li>
 *   <li>{@link #REHASH}: the rest is the file, with both checksums recomputed where its own header
 *       length field puts them (when that is inside the file), so the fuzzer reaches the lengths,
 *       the JSON header and the weights;</li>
 *   <li>{@link #BUILD}: bytes 1-3 give the header length H (big-endian, cut to what is there), the
 *       next H bytes are the JSON header and the rest is the data section; magic, version, both
 *       lengths and both checksums are written around them as a correct file has them, so the
 *       fuzzer works on the header's content and the data.</li>
 * </ul>
 */
final class ModelFileFuzzTarget implements FuzzedLoader {
    static final int RAW = 0;
    static final int REHASH = 1;
    static final int BUILD = 2;

    private static final byte[] MAGIC = {'L', 'T', 'N', 'T', 'V', 'A', 'E', 0};
    private static final int PREFIX = 24;
    private static final int HASH = 32;

    public static void fuzzerTestOneInput(byte[] input) {
        LoaderFuzzing.check(new ModelFileFuzzTarget(), input);
    }

    @Override
    public Set<Class<? extends Exception>> clearErrors() {
        return Set.of(ModelFileException.class);
    }

    @Override
    public void load(byte[] input, Path dir) throws Exception {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        byte[] file = switch ((input[0] & 0xFF) % 3) {
            case REHASH -> rehash(rest);
            case BUILD -> build(rest);
            default -> rest;
        };
        Path path = dir.resolve("model.lvae");
        Files.write(path, file);

        ModelFileException peekFailure = null;
        ModelFileInfo info = null;
        try {
            info = ModelFile.peek(path);
        } catch (ModelFileException e) {
            peekFailure = e;
        }
        SavedModel model;
        try {
            model = ModelFile.read(path);
        } catch (ModelFileException e) {
            if (peekFailure != null) {
                throw peekFailure;
            }
            throw e;
        }
        // Whatever reads in full must also peek, and agree.
        if (peekFailure != null) {
            throw new AssertionError("read accepted a file that peek refused: " + peekFailure.getMessage(), peekFailure);
        }
        if (!info.config().equals(model.config()) || model.params().length != model.config().parameterCount()
                || info.hasOptimizerState() != (model.optimizer() != null)) {
            throw new AssertionError("peek and read disagree, or the weights do not fit the config: " + info.config()
                    + " / " + model.config() + ", " + model.params().length + " parameters");
        }
        for (float p : model.params()) {
            if (!Float.isFinite(p)) {
                throw new AssertionError("read returned a non-finite weight");
            }
        }
    }

    /** The file with its header and file checksums put right, where its header length says. */
    static byte[] rehash(byte[] file) {
        byte[] out = file.clone();
        if (out.length < PREFIX) {
            return out;
        }
        long headerLength = ByteBuffer.wrap(out, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        long headerEnd = PREFIX + headerLength;
        if (headerEnd + HASH <= out.length) {
            System.arraycopy(sha256(out, (int) headerEnd), 0, out, (int) headerEnd, HASH);
        }
        if (out.length >= HASH) {
            System.arraycopy(sha256(out, out.length - HASH), 0, out, out.length - HASH, HASH);
        }
        return out;
    }

    /** A correctly framed file around a header and a data section taken from the input. */
    static byte[] build(byte[] rest) {
        int headerLength = rest.length < 3 ? 0
                : Math.min(((rest[0] & 0xFF) << 16) | ((rest[1] & 0xFF) << 8) | (rest[2] & 0xFF), rest.length - 3);
        int start = Math.min(3, rest.length);
        byte[] header = Arrays.copyOfRange(rest, start, start + headerLength);
        byte[] data = Arrays.copyOfRange(rest, start + headerLength, rest.length);
        ByteBuffer b = ByteBuffer.allocate(PREFIX + header.length + HASH + data.length + HASH).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(ModelFile.FORMAT_VERSION).putInt(header.length).putLong(data.length).put(header);
        b.put(sha256(b.array(), PREFIX + header.length));
        b.put(data);
        b.put(sha256(b.array(), b.position()));
        return b.array();
    }

    /** The {@link #BUILD} input for a header and data section. */
    static byte[] frameBuilt(byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + header.length + data.length);
        b.put((byte) BUILD).put((byte) (header.length >>> 16)).put((byte) (header.length >>> 8)).put((byte) header.length);
        return b.put(header).put(data).array();
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
