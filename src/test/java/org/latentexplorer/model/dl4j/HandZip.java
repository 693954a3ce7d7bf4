package org.latentexplorer.model.dl4j;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Zip archives written field by field, so that a test can make one that no honest zip writer
 * would: entries whose recorded size, CRC or name lies, twice the same name, a deflate bomb of
 * gigabytes from a few megabytes written in milliseconds. Entries are streamed to the file; nothing
 * of a bomb's inflated size is ever held.
 */
final class HandZip {

    /**
     * One entry.
     *
     * @param data     writes the entry's bytes as stored in the archive (compressed, for DEFLATED)
     * @param stored   how many bytes data writes
     * @param size     the uncompressed size the archive records
     * @param crc      the CRC-32 the archive records
     */
    record Entry(String name, int method, Body data, long stored, long size, long crc) {
        Entry withName(String n) {
            return new Entry(n, method, data, stored, size, crc);
        }

        Entry withSize(long s) {
            return new Entry(name, method, data, stored, s, crc);
        }

        Entry withCrc(long c) {
            return new Entry(name, method, data, stored, size, c);
        }
    }

    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private HandZip() {
    }

    static Entry stored(String name, byte[] bytes) {
        return new Entry(name, 0, out -> out.write(bytes), bytes.length, bytes.length, crc(bytes));
    }

    static Entry deflated(String name, byte[] bytes) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(bytes);
        d.finish();
        byte[] buf = new byte[bytes.length + 1024];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        byte[] out = java.util.Arrays.copyOf(buf, n);
        return new Entry(name, 8, o -> o.write(out), n, bytes.length, crc(bytes));
    }

    /**
     * size zero bytes, deflated: one block that compresses 1 MiB of zeros, repeated, then an empty
     * final block. Each block refers only to itself, so repeating it is a valid deflate stream.
     */
    static Entry zeros(String name, long size) {
        int mib = 1 << 20;
        if (size % mib != 0) {
            throw new IllegalArgumentException("whole MiB only");
        }
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(new byte[mib]);
        byte[] buf = new byte[64 << 10];
        int n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
        if (!d.needsInput() || n == buf.length) {
            throw new IllegalStateException("the block did not fit the buffer");
        }
        byte[] block = java.util.Arrays.copyOf(buf, n);
        d.finish();
        int m = d.deflate(buf, 0, buf.length);
        byte[] last = java.util.Arrays.copyOf(buf, m);
        d.end();
        long blocks = size / mib;
        CRC32 crc = new CRC32();
        byte[] zero = new byte[mib];
        for (long b = 0; b < blocks; b++) {
            crc.update(zero);
        }
        return new Entry(name, 8, out -> {
            for (long b = 0; b < blocks; b++) {
                out.write(block);
            }
            out.write(last);
        }, blocks * block.length + last.length, size, crc.getValue());
    }

    /** Writes the entries, their central directory and its end record. */
    static Path write(Path file, List<Entry> entries) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long offset = 0;
            List<Long> offsets = new ArrayList<>();
            for (Entry e : entries) {
                offsets.add(offset);
                byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
                ByteBuffer h = le(30 + name.length);
                h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) e.method())
                        .putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc()).putInt((int) e.stored())
                        .putInt((int) e.size()).putShort((short) name.length).putShort((short) 0).put(name);
                out.write(h.array());
                e.data().writeTo(out);
                offset += h.capacity() + e.stored();
            }
            long cenStart = offset;
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
                ByteBuffer c = le(46 + name.length);
                c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800)
                        .putShort((short) e.method()).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc())
                        .putInt((int) e.stored()).putInt((int) e.size()).putShort((short) name.length)
                        .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                        .putInt((int) (long) offsets.get(i)).put(name);
                out.write(c.array());
                offset += c.capacity();
            }
            ByteBuffer end = le(22);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                    .putShort((short) entries.size()).putInt((int) (offset - cenStart)).putInt((int) cenStart)
                    .putShort((short) 0);
            out.write(end.array());
        }
        return file;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }
}
