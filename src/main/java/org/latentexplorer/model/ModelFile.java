package org.latentexplorer.model;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes model files (by convention "*.lvae"): a model's configuration, weights, optional
 * Adam state, training history and info in one self-checking binary file. Java object serialization
 * is never involved: the file is plain bytes plus a JSON header.
 *
 * <h2>Byte layout, format version 2</h2>
 * Every integer is little-endian two's complement; every float is IEEE 754 binary32, little-endian
 * (the native order of x86 and ARM, so the weights need no swapping on the machines that train).
 * <pre>
 * offset      size  field
 * 0           8     magic: "LTNTVAE" and a zero byte, hex 4C 54 4E 54 56 41 45 00
 * 8           4     format version, int32, = 2 (1 is still read, see below)
 * 12          4     H, header length in bytes, int32, 2 &lt;= H &lt;= 16 MiB (16,777,216)
 * 16          8     D, data length in bytes, int64, 0 &lt;= D &lt;= 2 GiB, a multiple of 4
 * 24          H     header: a JSON object in UTF-8, no byte-order mark (schema below)
 * 24+H        32    header checksum: SHA-256 of bytes [0, 24+H)
 * 56+H        D     data: the P parameters as float32 in {@link ModelConfig#layout()} order, then, only
 *                   when the header's "optimizer" is not null, Adam's P first moments and P second
 *                   moments ({@link OptimizerState#state()} as it is), also float32
 * 56+H+D      32    file checksum: SHA-256 of bytes [0, 56+H+D), everything before it
 * </pre>
 * The file is exactly 88 + H + D bytes long; it may not exceed 2 GiB (2,147,483,648 bytes). The
 * header checksum lets {@link #peek} trust the header without reading the weights; {@link #read}
 * checks both.
 *
 * <h2>Header</h2>
 * <pre>
 * {
 *   "config":    {"rows": int, "cols": int, "encoder": [int, ...], "decoder": [int, ...], "latent": int,
 *                 "activation": "relu" | "leakyrelu(A)" | "elu(A)" | "tanh" | "sigmoid" | "identity",
 *                 "headActivation": same choices,
 *                 "likelihood": {"type": "bernoulli"} | {"type": "gaussian", "sigma": number}
 *                             | {"type": "gaussian-learned", "activation": as above} | {"type": "squared-error"},
 *                 "kind": {"id": "vae" | "ae" | "sparse-ae" | "denoising-ae" | "probabilistic-ae"
 *                                | "linear-ae" | "pca",
 *                          and one number per hyper-parameter of the kind: "beta" (vae), "lambda"
 *                          (sparse-ae, probabilistic-ae), "noise" (denoising-ae)}},
 *   "tensors":   [{"name": string, "rows": int, "cols": int, "dtype": "float32le",
 *                  "offset": int, "length": int}, ...],
 *   "optimizer": null | {"learningRate": number, "iteration": int, "dtype": "float32le",
 *                        "offset": int, "length": int},
 *   "history":   [{"epoch": int, "seconds": n, "samplesPerSecond": n, "trainRecon": n, "testRecon": n,
 *                  "weight": n, "trainPenalty": n, "testPenalty": n}, ...],
 *   "info":      {string: string, ...}
 * }
 * </pre>
 * <ul>
 *   <li>Every member shown must be present, and no other; member order is free; duplicate names are
 *       refused. A change to the schema is a new format version.</li>
 *   <li>"offset" and "length" are in bytes from the start of the data section. The tensor table must
 *       equal {@code config.layout()} entry for entry: same order, name, rows and cols, offset = 4 x
 *       the tensor's element offset, length = 4 x rows x cols. The optimizer's offset is 4P and its
 *       length 8P, and D = 4P, or 12P with the optimizer state.</li>
 *   <li>"sigma" and "learningRate" are finite and positive; "iteration" is at least 0; "epoch" is
 *       at least 1; each hyper-parameter lies in its range ({@link Knob}). The other history numbers
 *       may be written as the strings "NaN", "Infinity" or "-Infinity", since JSON has no such numbers
 *       and a diverged epoch produces them; "weight", "trainPenalty" and "testPenalty" (the penalty
 *       term, e.g. the KL, and its weight, e.g. beta) are null exactly when the kind has no penalty.</li>
 *   <li>Every weight and optimizer value is finite. P is at most 170,000,000.</li>
 *   <li>The header has at most 1,000,000 JSON tokens and nests at most 16 levels
 *       deep.</li>
 * </ul>
 *
 * <h2>Version 1</h2>
 * Version 1 (the only one before model kinds) is read and converted: its "config" was
 * {"rows", "cols", "hidden", "latent", "likelihood": "BERNOULLI" | "GAUSSIAN", "sigma", "variational"}:
 * a mirrored ReLU network, a VAE when "variational" (its beta taken from info "beta") and a plain
 * autoencoder otherwise, whose stored but unused logVar head is dropped and whose "mu" head becomes
 * "code". Its history had "beta", "trainKl", "testKl" and "testNegElbo" where version 2 has
 * "weight", "trainPenalty", "testPenalty" (a plain autoencoder's zero KL becomes no penalty).
 *
 * <h2>Loading order</h2>
 * {@link #read} never uses a number before checking it: file type, magic, version, size limits, H and D against their limits and against the file's real size, the file checksum (by
 * streaming, without allocating), the header checksum, the header JSON and every field in it, the
 * tensor table against the config, D against the table; only then are the arrays allocated, read
 * and checksummed a second time (so what is returned is what was verified), and every value checked
 * to be finite.
 *
 * <h2>Saving</h2>
 * {@link #write} checks the model first and touches nothing on disk if it cannot be stored. It then
 * writes a temporary file ".NAME.tmp-RANDOM" next to the target, forces it to the device, and
 * renames it over the target atomically, so a crash or full disk mid-save never damages the
 * previous file, and no temporary file is left after a failure.
 */
public final class ModelFile {

    /** The first 8 bytes of every model file; not public, since arrays cannot be made read-only. */
    static final byte[] MAGIC = {'L', 'T', 'N', 'T', 'V', 'A', 'E', 0};
    /** The format version this program writes; it reads this one and version 1. */
    public static final int FORMAT_VERSION = 2;
    /** 2 GiB, the largest file this program reads or writes. */
    public static final long MAX_FILE_BYTES = 1L << 31;
    public static final int MAX_HEADER_BYTES = 16 << 20;
    /** Chosen so that parameters, Adam's state and a full header always fit in {@link #MAX_FILE_BYTES}. */
    public static final long MAX_PARAMETERS = 170_000_000L;

    static final int PREFIX_BYTES = 24;
    private static final int VERSION_END = 12;
    static final int HASH_BYTES = 32;
    static final int MIN_HEADER_BYTES = 2;
    static final long MIN_FILE_BYTES = PREFIX_BYTES + MIN_HEADER_BYTES + 2 * HASH_BYTES;

    private static final int BUFFER_BYTES = 1 << 20;

    private ModelFile() {
    }

    // ---------------------------------------------------------------------------------------------
    // Writing

    /**
     * Saves a model, replacing the file atomically if it exists and creating missing parent folders.
     *
     * @throws IllegalArgumentException if the model cannot be stored (params not matching the config,
     *                                  non-finite weights, wrong optimizer state size, ...); nothing
     *                                  on disk has been touched then
     * @throws IOException              if writing fails; the previous file, if any, is unchanged
     */
    public static void write(Path file, SavedModel model) throws IOException {
        write(file, model, () -> {
        });
    }

    /** {@link #write(Path, SavedModel)} with a step run between the finished temporary file and the rename, for tests. */
    static void write(Path file, SavedModel model, Runnable beforeCommit) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] header = checkedHeader(file, model);
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": is a directory; a model file cannot replace it");
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeContents(ch, header, model);
                ch.force(true);
            }
            beforeCommit.run();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException d) {
                t.addSuppressed(d);
            }
            throw t;
        }
        syncDirectory(dir);
    }

    /** Checks everything a reader will check, so that a file once written always loads. */
    private static byte[] checkedHeader(Path file, SavedModel model) {
        Objects.requireNonNull(model, "model");
        ModelConfig cfg = Objects.requireNonNull(model.config(), "model.config");
        float[] params = Objects.requireNonNull(model.params(), "model.params");
        Objects.requireNonNull(model.history(), "model.history");
        long p = cfg.parameterCount();
        if (p > MAX_PARAMETERS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has %,d parameters; model files hold at most %,d", cfg.describe(), p, MAX_PARAMETERS));
        }
        if (params.length != p) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "params has %,d floats but %s needs %,d", params.length, cfg.describe(), p));
        }
        List<ParamTensor> layout = cfg.layout();
        int bad = firstNonFinite(params);
        if (bad >= 0) {
            throw new IllegalArgumentException("cannot save non-finite weights: " + describeWeight(layout, params, bad));
        }
        OptimizerState opt = model.optimizer();
        if (opt != null) {
            float[] state = Objects.requireNonNull(opt.state(), "model.optimizer.state");
            if (state.length != 2 * p) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the optimizer state has %,d floats but must have 2 x %,d", state.length, p));
            }
            bad = firstNonFinite(state);
            if (bad >= 0) {
                throw new IllegalArgumentException("cannot save a non-finite optimizer state: "
                        + describeMoment(layout, state, bad, p));
            }
            if (!(opt.learningRate() > 0) || Double.isInfinite(opt.learningRate())) {
                throw new IllegalArgumentException("the learning rate must be a positive number, not " + opt.learningRate());
            }
            if (opt.iteration() < 0) {
                throw new IllegalArgumentException("the optimizer iteration must not be negative, not " + opt.iteration());
            }
        }
        boolean penalty = cfg.kind().penalty().isPresent();
        for (TrainingHistory.Epoch e : model.history().epochs()) {
            if (e.epoch() < 1) {
                throw new IllegalArgumentException("history epoch numbers start at 1, not " + e.epoch());
            }
            if (!penalty && !(Double.isNaN(e.weight()) && Double.isNaN(e.trainPenalty()) && Double.isNaN(e.testPenalty()))) {
                throw new IllegalArgumentException("history epoch " + e.epoch() + " has penalty figures, but "
                        + cfg.kind().aTitle() + " has no penalty term");
            }
        }
        byte[] header = ModelFileHeader.encode(model);
        if (header.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the header would be %,d bytes, more than the %,d allowed (is the history or info huge?)",
                    header.length, MAX_HEADER_BYTES));
        }
        try {
            ModelFileHeader.decode(file, header, FORMAT_VERSION);
        } catch (ModelFileException e) {
            throw new IllegalArgumentException("the model cannot be stored: " + e.problem(), e);
        }
        return header;
    }

    private static void writeContents(FileChannel ch, byte[] header, SavedModel model) throws IOException {
        OptimizerState opt = model.optimizer();
        long dataBytes = 4L * model.params().length + (opt == null ? 0 : 4L * opt.state().length);
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(MAGIC).putInt(FORMAT_VERSION).putInt(header.length).putLong(dataBytes);

        MessageDigest headerHash = sha256();
        headerHash.update(prefix.array());
        headerHash.update(header);

        HashingWriter out = new HashingWriter(ch);
        out.put(prefix.array());
        out.put(header);
        out.put(headerHash.digest());
        out.put(model.params());
        if (opt != null) {
            out.put(opt.state());
        }
        out.finish();
    }

    /** Buffers writes and hashes exactly the bytes that go to the file. */
    private static final class HashingWriter {
        private final FileChannel ch;
        private final MessageDigest digest = sha256();
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

        HashingWriter(FileChannel ch) {
            this.ch = ch;
        }

        void put(byte[] bytes) throws IOException {
            int done = 0;
            while (done < bytes.length) {
                if (!buf.hasRemaining()) {
                    flush();
                }
                int n = Math.min(buf.remaining(), bytes.length - done);
                buf.put(bytes, done, n);
                done += n;
            }
        }

        void put(float[] values) throws IOException {
            int done = 0;
            while (done < values.length) {
                if (buf.remaining() < 4) {
                    flush();
                }
                int n = Math.min(buf.remaining() / 4, values.length - done);
                buf.asFloatBuffer().put(values, done, n);
                buf.position(buf.position() + 4 * n);
                done += n;
            }
        }

        /** Writes what is buffered, then the checksum of everything written. */
        void finish() throws IOException {
            flush();
            writeFully(ch, ByteBuffer.wrap(digest.digest()));
        }

        private void flush() throws IOException {
            buf.flip();
            digest.update(buf.array(), 0, buf.limit());
            writeFully(ch, buf);
            buf.clear();
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Makes the rename itself durable; where folders cannot be opened (Windows) the rename is durable already. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The new file is complete and in place; only durability across a power cut is at stake.
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /**
     * Loads a model file, checking all of it (see the class description for the order).
     *
     * @throws ModelFileException if the file is missing, unreadable, damaged, of another format or
     *                            version, or describes an invalid model; the message names the file
     */
    public static SavedModel read(Path file) throws ModelFileException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = open(file)) {
            long size = ch.size();
            Frame f = frame(file, ch, size);
            ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

            // Pass 1: the checksum over everything, before any of it is believed.
            MessageDigest digest = sha256();
            digest.update(f.front());
            ch.position(f.front().length);
            long left = f.dataBytes();
            while (left > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                readFully(ch, buf);
                digest.update(buf.array(), 0, buf.limit());
                left -= buf.limit();
            }
            byte[] computed = digest.digest();
            byte[] stored = f.fileHash();
            if (!MessageDigest.isEqual(computed, stored)) {
                throw damaged(file, "the file is damaged", stored, computed);
            }
            checkHeaderHash(file, f);

            ModelFileHeader.Contents h = ModelFileHeader.decode(file, f.header(), f.version());
            checkDataLength(file, f, h);

            // Pass 2: the values, hashed again so that what is returned is exactly what was verified.
            int p = (int) h.storedParameters();
            float[] params = new float[p];
            float[] state = h.optimizer() == null ? null : new float[2 * p];
            digest.update(f.front());
            ch.position(f.front().length);
            readFloats(ch, buf, digest, params);
            if (state != null) {
                readFloats(ch, buf, digest, state);
            }
            if (!MessageDigest.isEqual(digest.digest(), stored)) {
                throw new ModelFileException(file, "the file changed while it was being read");
            }

            List<ParamTensor> layout = h.stored();
            int bad = firstNonFinite(params);
            if (bad >= 0) {
                throw new ModelFileException(file, describeWeight(layout, params, bad) + "; the model is unusable");
            }
            OptimizerState optimizer = null;
            if (state != null) {
                bad = firstNonFinite(state);
                if (bad >= 0) {
                    throw new ModelFileException(file, "the optimizer state holds "
                            + describeMoment(layout, state, bad, p) + "; training cannot continue from it");
                }
                optimizer = new OptimizerState(h.optimizer().learningRate(), h.optimizer().iteration(), h.current(state));
            }
            return new SavedModel(h.config(), h.current(params), optimizer, h.history(), h.info());
        } catch (ModelFileException e) {
            throw e;
        } catch (EOFException e) {
            throw new ModelFileException(file, "the file got shorter while it was being read", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * Reads only a model file's header: config, whether optimizer state is present, history and info,
     * for listing models quickly. The header is checked as fully as by {@link #read}, but the weights
     * are not read, so a file that peeks fine may still fail to {@link #read} if its weights are damaged.
     *
     * @throws ModelFileException as {@link #read} does for the parts it reads
     */
    public static ModelFileInfo peek(Path file) throws ModelFileException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = open(file)) {
            long size = ch.size();
            Frame f = frame(file, ch, size);
            checkHeaderHash(file, f);
            ModelFileHeader.Contents h = ModelFileHeader.decode(file, f.header(), f.version());
            checkDataLength(file, f, h);
            return new ModelFileInfo(h.config(), h.optimizer() != null, h.history(), h.info(), size);
        } catch (ModelFileException e) {
            throw e;
        } catch (EOFException e) {
            throw new ModelFileException(file, "the file got shorter while it was being read", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * The checked framing of a file.
     *
     * @param front    prefix, header and header checksum: bytes [0, 56+H)
     * @param fileHash the stored file checksum
     */
    private record Frame(int version, byte[] front, int headerBytes, long dataBytes, byte[] fileHash) {
        byte[] header() {
            return Arrays.copyOfRange(front, PREFIX_BYTES, PREFIX_BYTES + headerBytes);
        }
    }

    /**
     * The attributes of a file that may be a model file: it exists, is readable and is a regular
     * file (not a folder, a device or a pipe); otherwise the reason, naming the file.
     */
    public static BasicFileAttributes regularFile(Path file) throws ModelFileException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e, e);
        }
        if (a.isDirectory()) {
            throw new ModelFileException(file, "is a directory, not a model file");
        }
        if (!a.isRegularFile()) {
            throw new ModelFileException(file, "is not a regular file, so not a model file");
        }
        return a;
    }

    private static FileChannel open(Path file) throws ModelFileException {
        regularFile(file);
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file, "cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e, e);
        }
    }

    /** Checks magic, version and both lengths against their limits and the real size; reads the header. */
    private static Frame frame(Path file, FileChannel ch, long size) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate((int) Math.min(size, PREFIX_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        ch.position(0);
        readFully(ch, prefix);
        byte[] start = prefix.array();
        if (size == 0) {
            throw new ModelFileException(file, "empty file (0 bytes), not a Latent Explorer model file");
        }
        if (!Arrays.equals(start, 0, Math.min(start.length, MAGIC.length), MAGIC, 0, Math.min(start.length, MAGIC.length))) {
            throw new ModelFileException(file, "not a Latent Explorer model file " + describeStart(start));
        }
        if (size < VERSION_END) {
            throw truncatedBelowMinimum(file, size);
        }
        int version = prefix.getInt(8);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new ModelFileException(file, "written by format version " + version + "; this program reads versions 1 to "
                    + FORMAT_VERSION + (version > FORMAT_VERSION ? " (a newer Latent Explorer may read it)" : ""));
        }
        if (size < MIN_FILE_BYTES) {
            throw truncatedBelowMinimum(file, size);
        }
        if (size > MAX_FILE_BYTES) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "too large: %,d bytes; model files are at most %,d", size, MAX_FILE_BYTES));
        }
        int headerBytes = prefix.getInt(12);
        if (headerBytes < MIN_HEADER_BYTES || headerBytes > MAX_HEADER_BYTES) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "the header length %,d bytes is out of range (%,d to %,d); the file is damaged",
                    headerBytes, MIN_HEADER_BYTES, MAX_HEADER_BYTES));
        }
        long dataBytes = prefix.getLong(16);
        if (dataBytes < 0 || dataBytes > MAX_FILE_BYTES || dataBytes % 4 != 0) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "the data length %,d bytes is invalid (must be a multiple of 4 from 0 to %,d); the file is damaged",
                    dataBytes, MAX_FILE_BYTES));
        }
        long promised = PREFIX_BYTES + headerBytes + HASH_BYTES + dataBytes + HASH_BYTES;
        if (size < promised) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "truncated: %,d bytes but the header promises %,d", size, promised));
        }
        if (size > promised) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "%,d bytes of unexpected data after the end: the file is %,d bytes but the header accounts for %,d",
                    size - promised, size, promised));
        }
        ByteBuffer front = ByteBuffer.allocate(PREFIX_BYTES + headerBytes + HASH_BYTES);
        ch.position(0);
        readFully(ch, front);
        ByteBuffer fileHash = ByteBuffer.allocate(HASH_BYTES);
        ch.position(size - HASH_BYTES);
        readFully(ch, fileHash);
        return new Frame(version, front.array(), headerBytes, dataBytes, fileHash.array());
    }

    private static ModelFileException truncatedBelowMinimum(Path file, long size) {
        return new ModelFileException(file, String.format(Locale.ROOT,
                "truncated: %,d bytes, fewer than the %,d of the smallest model file", size, MIN_FILE_BYTES));
    }

    private static void checkHeaderHash(Path file, Frame f) throws ModelFileException {
        int end = PREFIX_BYTES + f.headerBytes();
        MessageDigest d = sha256();
        d.update(f.front(), 0, end);
        byte[] computed = d.digest();
        byte[] stored = Arrays.copyOfRange(f.front(), end, end + HASH_BYTES);
        if (!MessageDigest.isEqual(computed, stored)) {
            throw damaged(file, "the header is damaged", stored, computed);
        }
    }

    private static void checkDataLength(Path file, Frame f, ModelFileHeader.Contents h) throws ModelFileException {
        if (f.dataBytes() != h.dataBytes()) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "the data section is %,d bytes but the tensor table%s needs %,d",
                    f.dataBytes(), h.optimizer() == null ? "" : " and optimizer state", h.dataBytes()));
        }
    }

    private static ModelFileException damaged(Path file, String what, byte[] expected, byte[] found) {
        return new ModelFileException(file, "checksum mismatch: " + what + " (expected " + shortHex(expected)
                + ", found " + shortHex(found) + ")");
    }

    private static String shortHex(byte[] hash) {
        return HexFormat.of().formatHex(hash, 0, 6) + "...";
    }

    private static void readFloats(FileChannel ch, ByteBuffer buf, MessageDigest digest, float[] dst) throws IOException {
        int done = 0;
        while (done < dst.length) {
            int n = Math.min(dst.length - done, buf.capacity() / 4);
            buf.clear().limit(4 * n);
            readFully(ch, buf);
            digest.update(buf.array(), 0, 4 * n);
            buf.flip();
            buf.asFloatBuffer().get(dst, done, n);
            done += n;
        }
    }

    /** Fills the buffer from the channel's position. */
    private static void readFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Messages and checks shared by reading and writing

    private static int firstNonFinite(float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }

    private static ParamTensor tensorAt(List<ParamTensor> layout, long index) {
        for (ParamTensor t : layout) {
            if (index < t.offset() + t.size()) {
                return t;
            }
        }
        throw new IllegalStateException("index " + index + " is past the layout");
    }

    /** E.g. "tensor mu.W holds NaN at element 3". */
    private static String describeWeight(List<ParamTensor> layout, float[] params, int i) {
        ParamTensor t = tensorAt(layout, i);
        return "tensor " + t.name() + " holds " + params[i] + " at element " + (i - t.offset());
    }

    /** E.g. "Infinity in the second moment of mu.W, element 3". */
    private static String describeMoment(List<ParamTensor> layout, float[] state, int i, long p) {
        long j = i % p;
        ParamTensor t = tensorAt(layout, j);
        return state[i] + " in the " + (i < p ? "first" : "second") + " moment of " + t.name()
                + ", element " + (j - t.offset());
    }

    /** Names what a foreign file seems to be, from its first bytes, e.g. "(starts with 'PK\3\4'; is it a zip?)". */
    static String describeStart(byte[] start) {
        int n = Math.min(start.length, MAGIC.length);
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = start[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\'' && b != '\\') {
                shown.append((char) b);
            } else {
                shown.append('\\').append(Integer.toOctalString(b));
            }
        }
        String guess = guess(start);
        return "(starts with '" + shown + "'" + (guess == null ? "" : "; " + guess) + ")";
    }

    private static String guess(byte[] s) {
        if (startsWith(s, 'P', 'K', 3, 4)) {
            return "is it a zip?";
        }
        if (startsWith(s, 0x89, 'P', 'N', 'G')) {
            return "is it a PNG image?";
        }
        if (startsWith(s, 0xff, 0xd8, 0xff)) {
            return "is it a JPEG image?";
        }
        if (startsWith(s, 0x1f, 0x8b)) {
            return "is it gzip-compressed?";
        }
        if (startsWith(s, 0, 0, 8, 1) || startsWith(s, 0, 0, 8, 3)) {
            return "is it an MNIST IDX data file?";
        }
        if (startsWith(s, 0x93, 'N', 'U', 'M', 'P', 'Y')) {
            return "is it a NumPy array?";
        }
        if (s.length > 0 && (s[0] == '{' || s[0] == '[')) {
            return "is it JSON?";
        }
        return null;
    }

    private static boolean startsWith(byte[] s, int... sig) {
        if (s.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((s[i] & 0xff) != sig[i]) {
                return false;
            }
        }
        return true;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
