package org.latentexplorer.model.dl4j;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ModelFileException;

/**
 * The lengths an ND4J array in binary form ({@code Nd4j.write}, as in coefficients.bin) declares,
 * checked against the bytes actually there before ND4J reads it: {@code Nd4j.read} allocates each
 * buffer at its declared length before reading a single value, so a few hostile bytes could ask for
 * terabytes. Only the framing is read; ND4J itself reads the array.
 *
 * <p>The form ND4J 1.0.0-M2.1 writes, all big-endian:
 * <pre>
 *   shape buffer  UTF allocation mode ("LONG_SHAPE" or "MIXED_DATA_TYPES"), int64 length L, UTF "LONG",
 *                 L int64: rank r, r sizes, r strides, extras, element-wise stride, order ('c' or 'f');
 *                 so L = 2r + 4
 *   data buffer   UTF "MIXED_DATA_TYPES", int64 length N, UTF data type, N values of that type
 * </pre>
 * where N is the product of the sizes. (Older allocation modes, with int32 lengths, are refused.)
 */
final class Nd4jArrayFraming {
    private static final int MAX_RANK = 32;

    /** What the framing says. */
    record Array(long length, String dataType) {
    }

    private Nd4jArrayFraming() {
    }

    static Array check(Path file, byte[] bytes) throws ModelFileException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String shapeMode = in.readUTF();
            if (!shapeMode.equals("LONG_SHAPE") && !shapeMode.equals("MIXED_DATA_TYPES")) {
                throw bad(file, "its shape is stored in the form '" + Dl4jArchive.printable(shapeMode) + "', an older"
                        + " form than Deeplearning4j 1.0.0-M2.1 writes (or none); re-save the model with a newer"
                        + " Deeplearning4j");
            }
            long shapeLength = in.readLong();
            String shapeType = in.readUTF();
            if (!shapeType.equals("LONG") || shapeLength < 4 || shapeLength > 2 * MAX_RANK + 4) {
                throw bad(file, "its shape record declares " + shapeLength + " values of type '"
                        + Dl4jArchive.printable(shapeType) + "'");
            }
            long rank = in.readLong();
            if (rank < 0 || rank > MAX_RANK || shapeLength != 2 * rank + 4) {
                throw bad(file, "its shape record declares rank " + rank + " in " + shapeLength + " values");
            }
            long elements = 1;
            for (int i = 0; i < rank; i++) {
                long size = in.readLong();
                if (size < 0 || size > ModelFile.MAX_PARAMETERS || elements * Math.max(size, 1) > ModelFile.MAX_PARAMETERS) {
                    throw bad(file, String.format(Locale.ROOT, "it declares an array of more than %,d values, the most"
                            + " a model here may have", ModelFile.MAX_PARAMETERS));
                }
                elements *= size;
            }
            in.skipNBytes(8L * (shapeLength - 1 - rank));
            String dataMode = in.readUTF();
            if (!dataMode.equals("MIXED_DATA_TYPES")) {
                throw bad(file, "its values are stored in the form '" + Dl4jArchive.printable(dataMode) + "'");
            }
            long length = in.readLong();
            String dataType = in.readUTF();
            int width = switch (dataType) {
                case "DOUBLE" -> 8;
                case "FLOAT" -> 4;
                case "HALF", "BFLOAT16" -> 2;
                default -> throw bad(file, "its values are of type '" + Dl4jArchive.printable(dataType)
                        + "'; a network's parameters are DOUBLE, FLOAT, HALF or BFLOAT16");
            };
            if (length != elements) {
                throw bad(file, String.format(Locale.ROOT, "its shape holds %,d values but its data declares %,d",
                        elements, length));
            }
            long left = in.available();
            if (left != length * width) {
                throw bad(file, String.format(Locale.ROOT, "it declares %,d %s values (%,d bytes) but %,d bytes follow",
                        length, dataType, length * width, left));
            }
            return new Array(length, dataType);
        } catch (ModelFileException e) {
            throw e;
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            throw bad(file, "it ends inside its own header");
        } catch (IOException e) {
            throw bad(file, e.toString());
        }
    }

    private static ModelFileException bad(Path file, String why) {
        return new ModelFileException(file, Dl4jArchive.COEFFICIENTS + " is not an ND4J array this program can read: "
                + why);
    }
}
