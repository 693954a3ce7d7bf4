package org.latentexplorer.model.dl4j;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ModelFileException;

/**
 * Checks a zip written by Deeplearning4j's {@code ModelSerializer} with {@code java.util.zip} before
 * any of it reaches Deeplearning4j, and hands back the bytes it checked.
 *
 * <p>Why: Deeplearning4j 1.0.0-M2.1 reads a model zip front to back with a {@code ZipInputStream}
 * (by the local headers, not the central directory), allocates each entry at the size its header
 * declares, keeps every entry in memory whatever its name, and deserialises a
 * {@code preprocessor.bin} entry with Java's {@code ObjectInputStream}. So a hostile zip could make
 * it allocate gigabytes, inflate a bomb, or run a deserialisation gadget. Here the archive is read
 * only through its central directory, every size is bounded before anything is allocated, inflated
 * bytes are counted as they come, and only the two entries a model needs are returned;
 * Deeplearning4j then reads a clean archive built from exactly those bytes
 * ({@link Dl4jImporter}).
 *
 * <p>The checks, in order: a regular file of at most {@link ModelFile#MAX_FILE_BYTES}; the zip's
 * end record found at the very end (else: truncated), no Zip64, at most {@link #MAX_ENTRIES}
 * entries and a small central directory; then {@link ZipFile} opens it; every entry has one of the
 * names {@code ModelSerializer} writes, at most once, with no path in it; stored or deflated, not
 * encrypted; its declared size within the entry's limit and its declared compression ratio at most
 * {@link #MAX_RATIO}; then configuration.json and coefficients.bin are inflated, counting bytes
 * (more than declared stops at once) and checking their CRC-32, and updaterState.bin is inflated
 * and checked the same way, without being kept; finally configuration.json must be JSON whose every
 * {@code "@class"} names a Deeplearning4j or ND4J class.
 */
final class Dl4jArchive {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    /** Written by ModelSerializer for a network without parameters. */
    static final String NO_PARAMS = "noParams.marker";
    /** Written by ModelSerializer when a normaliser is saved with the model. */
    static final String NORMALIZER = "normalizer.bin";

    /** ModelSerializer writes at most four entries; a few more leave room for a clear message. */
    static final int MAX_ENTRIES = 8;
    /** A model of a few layers has a configuration of a few kilobytes. */
    static final int MAX_CONFIGURATION_BYTES = 4 << 20;
    /** A header of at most a few hundred bytes, then at most as many doubles as a model file may hold parameters. */
    static final long MAX_COEFFICIENT_BYTES = 4096 + 8 * ModelFile.MAX_PARAMETERS;
    /** Adam and its relatives keep two values per parameter; none keeps more than three. */
    static final int UPDATER_STATE_PER_PARAMETER = 3;
    /**
     * Largest declared ratio of an entry's size to its compressed size. The JSON compresses 5 to
     * 10 times and trained weights hardly at all (1.1 measured); deflate itself cannot exceed about
     * 1032, which only long runs of one byte reach. Updater state saved before any training is all
     * zeros, so it is bounded by the coefficients' size instead.
     */
    static final int MAX_RATIO = 100;
    private static final int MAX_CENTRAL_DIRECTORY_BYTES = 64 << 10;
    private static final int END_RECORD_BYTES = 22;
    private static final int MAX_COMMENT_BYTES = 0xFFFF;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int MAX_JSON_TOKENS = 200_000;
    private static final int MAX_JSON_DEPTH = 64;

    /** What the archive holds, checked. */
    record Contents(byte[] configuration, byte[] coefficients) {
    }

    private Dl4jArchive() {
    }

    static Contents read(Path file) throws ModelFileException {
        long size = checkRegularFile(file);
        checkEndRecord(file, size);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> entries = entries(file, zip);
            ZipEntry configuration = null;
            ZipEntry coefficients = null;
            ZipEntry updater = null;
            for (ZipEntry e : entries) {
                switch (e.getName()) {
                    case CONFIGURATION -> configuration = e;
                    case COEFFICIENTS -> coefficients = e;
                    case UPDATER_STATE -> updater = e;
                    case NO_PARAMS -> throw new ModelFileException(file,
                            "a Deeplearning4j network without parameters (it holds noParams.marker), so not a VAE");
                    case NORMALIZER -> throw new ModelFileException(file, "the model was saved with a data normaliser"
                            + " (normalizer.bin), so it expects normalised input; this program gives a VAE pixels in"
                            + " [0, 1] and cannot apply it");
                    default -> throw new IllegalStateException("entries() lets only known names through");
                }
            }
            if (configuration == null || coefficients == null) {
                throw new ModelFileException(file, "a zip archive, but not a Deeplearning4j model: it holds no "
                        + (configuration == null ? CONFIGURATION : COEFFICIENTS)
                        + (entries.isEmpty() ? " (it is empty)" : " (it holds " + names(entries) + ")"));
            }
            checkDeclared(file, configuration, MAX_CONFIGURATION_BYTES, MAX_RATIO, size);
            checkDeclared(file, coefficients, MAX_COEFFICIENT_BYTES, MAX_RATIO, size);
            byte[] json = inflate(file, zip, configuration, true);
            byte[] coefficientBytes = inflate(file, zip, coefficients, true);
            if (updater != null) {
                long max = 4096 + UPDATER_STATE_PER_PARAMETER * (long) coefficientBytes.length;
                checkDeclared(file, updater, max, Integer.MAX_VALUE, size);
                inflate(file, zip, updater, false);
            }
            checkJson(file, json);
            return new Contents(json, coefficientBytes);
        } catch (ZipException e) {
            throw new ModelFileException(file, "a damaged zip archive (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new ModelFileException(file, "a damaged or truncated zip archive: an entry ends early", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e, e);
        }
    }

    /** The file's size, after the checks {@link ModelFile} makes of its own files. */
    private static long checkRegularFile(Path file) throws ModelFileException {
        BasicFileAttributes a = ModelFile.regularFile(file);
        if (a.size() > ModelFile.MAX_FILE_BYTES) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "too large: %,d bytes; model files are at most %,d", a.size(), ModelFile.MAX_FILE_BYTES));
        }
        return a.size();
    }

    /**
     * Finds the end-of-central-directory record, which a complete zip ends with (after an optional
     * comment), and bounds what {@link ZipFile} will read from it.
     */
    private static void checkEndRecord(Path file, long size) throws ModelFileException {
        if (size < END_RECORD_BYTES) {
            throw truncated(file, String.format(Locale.ROOT, "%,d bytes, fewer than the %d of the smallest zip archive",
                    size, END_RECORD_BYTES));
        }
        int tailBytes = (int) Math.min(size, END_RECORD_BYTES + MAX_COMMENT_BYTES);
        ByteBuffer tail = ByteBuffer.allocate(tailBytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(size - tailBytes);
            while (tail.hasRemaining()) {
                if (ch.read(tail) < 0) {
                    throw new ModelFileException(file, "the file got shorter while it was being read");
                }
            }
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file, "cannot be read: permission denied", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e, e);
        }
        int end = -1;
        for (int p = tailBytes - END_RECORD_BYTES; p >= 0; p--) {
            if (tail.getInt(p) == END_SIGNATURE && p + END_RECORD_BYTES + (tail.getShort(p + 20) & 0xFFFF) == tailBytes) {
                end = p;
                break;
            }
        }
        if (end < 0) {
            throw truncated(file, "the zip archive's directory, which ends every complete zip, is missing");
        }
        int entries = tail.getShort(end + 10) & 0xFFFF;
        long directoryBytes = tail.getInt(end + 12) & 0xFFFFFFFFL;
        long directoryOffset = tail.getInt(end + 16) & 0xFFFFFFFFL;
        boolean zip64 = entries == 0xFFFF || directoryBytes == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL
                || end >= 20 && tail.getInt(end - 20) == ZIP64_LOCATOR_SIGNATURE;
        if (zip64) {
            throw new ModelFileException(file, "a Zip64 archive; Deeplearning4j writes models of the sizes read here"
                    + " as plain zip archives");
        }
        if (entries > MAX_ENTRIES) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "a zip archive of %,d entries; a Deeplearning4j model holds at most %d (configuration.json,"
                            + " coefficients.bin, updaterState.bin)", entries, 3));
        }
        long endOffset = size - tailBytes + end;
        if (directoryBytes > MAX_CENTRAL_DIRECTORY_BYTES || directoryOffset + directoryBytes > endOffset) {
            throw new ModelFileException(file, "a damaged zip archive: its directory's size or place is impossible"
                    + " (truncated or altered)");
        }
    }

    /** Every entry, after checking its name and that it appears once. */
    private static List<ZipEntry> entries(Path file, ZipFile zip) throws ModelFileException {
        List<ZipEntry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            if (out.size() == MAX_ENTRIES) {
                throw new ModelFileException(file, "a zip archive of more than " + MAX_ENTRIES + " entries; a"
                        + " Deeplearning4j model holds at most 3");
            }
            String name = e.getName();
            if (!seen.add(name)) {
                throw new ModelFileException(file, "a zip archive that holds '" + printable(name) + "' twice; which"
                        + " one is meant is ambiguous, so it is refused");
            }
            if (name.startsWith("/") || name.startsWith("\\") || name.contains("..") || name.contains(":")
                    || name.indexOf('\0') >= 0) {
                throw new ModelFileException(file, "a zip archive with an entry named '" + printable(name)
                        + "', a path that points outside the archive; refused");
            }
            if (!List.of(CONFIGURATION, COEFFICIENTS, UPDATER_STATE, NO_PARAMS, NORMALIZER).contains(name)) {
                throw new ModelFileException(file, "a zip archive, but not a Deeplearning4j model: it holds '"
                        + printable(name) + "' (a model holds configuration.json, coefficients.bin and optionally"
                        + " updaterState.bin)");
            }
            out.add(e);
        }
        return out;
    }

    private static void checkDeclared(Path file, ZipEntry e, long maxBytes, int maxRatio, long fileSize)
            throws ModelFileException {
        String name = e.getName();
        if (e.isDirectory()) {
            throw new ModelFileException(file, "a zip archive in which " + name + " is a folder");
        }
        if (e.getMethod() != ZipEntry.STORED && e.getMethod() != ZipEntry.DEFLATED) {
            throw new ModelFileException(file, name + " is compressed by method " + e.getMethod()
                    + "; Deeplearning4j writes stored or deflated entries only");
        }
        long declared = e.getSize();
        long compressed = e.getCompressedSize();
        if (declared < 0 || compressed < 0) {
            throw new ModelFileException(file, "a damaged zip archive: the size of " + name + " is not recorded");
        }
        if (declared > maxBytes) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "%s declares %,d bytes; at most %,d are read (a decompression bomb, or not a model this program"
                            + " can hold)", name, declared, maxBytes));
        }
        if (compressed > fileSize) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "truncated or damaged: %s declares %,d compressed bytes, more than the whole file's %,d",
                    name, compressed, fileSize));
        }
        if (declared > (double) maxRatio * Math.max(compressed, 1) && declared > 1024) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "%s would inflate from %,d to %,d bytes, %.0f times; no model entry compresses more than %d"
                            + " times, so this is a decompression bomb", name, compressed, declared,
                    (double) declared / Math.max(compressed, 1), maxRatio));
        }
    }

    /**
     * Inflates an entry, never more than its declared size plus one byte, and checks its length and
     * CRC-32 against the archive's record of them. The bytes kept grow with what actually inflates,
     * so a size declared but never delivered is never allocated.
     *
     * @param keep whether to return the bytes (else they are only checked, in a small buffer)
     */
    private static byte[] inflate(Path file, ZipFile zip, ZipEntry e, boolean keep) throws IOException {
        long declared = e.getSize();
        byte[] out = keep ? new byte[(int) Math.min(declared, 1 << 20)] : null;
        byte[] buf = new byte[64 << 10];
        CRC32 crc = new CRC32();
        long n = 0;
        try (InputStream in = zip.getInputStream(e)) {
            while (true) {
                int want = (int) Math.min(buf.length, declared - n + 1);
                int got = in.read(buf, 0, want);
                if (got < 0) {
                    break;
                }
                if (n + got > declared) {
                    throw new ModelFileException(file, String.format(Locale.ROOT,
                            "%s inflates to more than the %,d bytes the archive declares (a decompression bomb or a"
                                    + " damaged archive); stopped", e.getName(), declared));
                }
                crc.update(buf, 0, got);
                if (keep) {
                    if (n + got > out.length) {
                        out = Arrays.copyOf(out, (int) Math.min(declared, Math.max(2L * out.length, n + got)));
                    }
                    System.arraycopy(buf, 0, out, (int) n, got);
                }
                n += got;
            }
        } catch (ZipException | EOFException x) {
            throw new ModelFileException(file, "a damaged or truncated zip archive: " + e.getName()
                    + " cannot be decompressed (" + x.getMessage() + ")", x);
        }
        if (n != declared) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "a damaged zip archive: %s holds %,d bytes but the archive declares %,d", e.getName(), n, declared));
        }
        if (crc.getValue() != e.getCrc()) {
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "a damaged zip archive: %s fails its CRC-32 check (recorded %08x, computed %08x)",
                    e.getName(), e.getCrc(), crc.getValue()));
        }
        return out;
    }

    /**
     * configuration.json must be one JSON object of bounded size and depth, and its polymorphic
     * {@code "@class"} names may only name Deeplearning4j and ND4J classes: Jackson loads (and
     * initialises) the class a type id names before checking that it is a subtype of what is
     * expected.
     */
    private static void checkJson(Path file, byte[] json) throws ModelFileException {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH)
                        .maxStringLength(1 << 20).maxNumberLength(100).build())
                .build();
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelFileException(file, CONFIGURATION + " is not a JSON object, so not a Deeplearning4j"
                        + " network configuration");
            }
            int tokens = 1;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (++tokens > MAX_JSON_TOKENS) {
                    throw new ModelFileException(file, CONFIGURATION + " has more than " + MAX_JSON_TOKENS
                            + " JSON tokens; a network of one VAE layer has a few hundred");
                }
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("@class")) {
                    JsonToken v = p.nextToken();
                    String cls = v == JsonToken.VALUE_STRING ? p.getText() : String.valueOf(v);
                    if (!(cls.startsWith("org.deeplearning4j.") || cls.startsWith("org.nd4j."))) {
                        throw new ModelFileException(file, CONFIGURATION + " names the class '" + printable(cls)
                                + "', which is not part of Deeplearning4j or ND4J; refused");
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, CONFIGURATION + " is not valid JSON (" + firstLine(e.getOriginalMessage())
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, CONFIGURATION + " cannot be read: " + e, e);
        }
    }

    private static ModelFileException truncated(Path file, String why) {
        return new ModelFileException(file, "not a complete zip archive: " + why + " (truncated or damaged)");
    }

    private static String names(List<ZipEntry> entries) {
        List<String> n = new ArrayList<>();
        for (ZipEntry e : entries) {
            n.add(printable(e.getName()));
        }
        return String.join(", ", n);
    }

    /** A name from the archive as it can be shown in one line: at most 80 characters, no control characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).trim();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
