package org.latentexplorer.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON header of a model file: turns a model's description into header bytes and checks and
 * decodes header bytes. The schema is documented in {@link ModelFile}.
 */
final class ModelFileHeader {

    /** The only tensor encoding of format version 1. */
    static final String DTYPE = "float32le";
    /** Header JSON tokens allowed; bounds the tree Jackson builds, since 16 MiB of "[0,0,..." would expand tenfold. */
    static final int MAX_TOKENS = 1_000_000;
    /** Nesting the schema needs is 3; anything far deeper is hostile. */
    static final int MAX_DEPTH = 16;

    private static final Set<String> ROOT_FIELDS = Set.of("config", "tensors", "optimizer", "history", "info");
    private static final Set<String> CONFIG_FIELDS =
            Set.of("rows", "cols", "hidden", "latent", "likelihood", "sigma", "variational");
    private static final Set<String> TENSOR_FIELDS = Set.of("name", "rows", "cols", "dtype", "offset", "length");
    private static final Set<String> OPTIMIZER_FIELDS = Set.of("learningRate", "iteration", "dtype", "offset", "length");
    private static final Set<String> EPOCH_FIELDS = Set.of("epoch", "seconds", "beta", "trainRecon", "trainKl",
            "testRecon", "testKl", "testNegElbo", "samplesPerSecond");

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(ModelFile.MAX_HEADER_BYTES)
                    .maxStringLength(ModelFile.MAX_HEADER_BYTES)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The optimizer entry of a header: the state itself is in the data section. */
    record Optimizer(double learningRate, long iteration) {
    }

    /** A checked header. */
    record Contents(ModelConfig config, Optimizer optimizer, TrainingHistory history, Map<String, String> info) {
        long dataBytes() {
            long p = config.parameterCount();
            return 4 * p + (optimizer == null ? 0 : 8 * p);
        }
    }

    private ModelFileHeader() {
    }

    /** The header of a model whose values have already been checked by {@link ModelFile#write}. */
    static byte[] encode(SavedModel model) {
        ModelConfig cfg = model.config();
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode c = root.putObject("config");
        c.put("rows", cfg.rows());
        c.put("cols", cfg.cols());
        ArrayNode hidden = c.putArray("hidden");
        cfg.hidden().forEach(hidden::add);
        c.put("latent", cfg.latent());
        c.put("likelihood", cfg.likelihood().name());
        c.put("sigma", cfg.sigma());
        c.put("variational", cfg.variational());

        ArrayNode tensors = root.putArray("tensors");
        for (ParamTensor t : cfg.layout()) {
            ObjectNode n = tensors.addObject();
            n.put("name", t.name());
            n.put("rows", t.rows());
            n.put("cols", t.cols());
            n.put("dtype", DTYPE);
            n.put("offset", 4 * t.offset());
            n.put("length", 4 * t.size());
        }

        OptimizerState opt = model.optimizer();
        if (opt == null) {
            root.putNull("optimizer");
        } else {
            long p = cfg.parameterCount();
            ObjectNode o = root.putObject("optimizer");
            o.put("learningRate", opt.learningRate());
            o.put("iteration", opt.iteration());
            o.put("dtype", DTYPE);
            o.put("offset", 4 * p);
            o.put("length", 8 * p);
        }

        ArrayNode history = root.putArray("history");
        for (TrainingHistory.Epoch e : model.history().epochs()) {
            ObjectNode n = history.addObject();
            n.put("epoch", e.epoch());
            putNumber(n, "seconds", e.seconds());
            putNumber(n, "beta", e.beta());
            putNumber(n, "trainRecon", e.trainRecon());
            putNumber(n, "trainKl", e.trainKl());
            putNumber(n, "testRecon", e.testRecon());
            putNumber(n, "testKl", e.testKl());
            putNumber(n, "testNegElbo", e.testNegElbo());
            putNumber(n, "samplesPerSecond", e.samplesPerSecond());
        }

        ObjectNode info = root.putObject("info");
        // Sorted, so the same model always gives the same bytes.
        new TreeMap<>(model.info()).forEach(info::put);

        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the model's header cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** JSON has no NaN or infinities; a diverged epoch's losses are kept as the strings "NaN", "Infinity", "-Infinity". */
    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.put(field, Double.toString(v));
        }
    }

    /** Checks every field of the header and that its tensor table is exactly the config's layout. */
    static Contents decode(Path file, byte[] header) throws ModelFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, "the header is not valid UTF-8 text", e);
        }
        JsonNode root = parse(file, text);
        Reader r = new Reader(file);
        r.fields(root, "", ROOT_FIELDS);

        ModelConfig config = r.config(root.get("config"));
        long p = config.parameterCount();
        if (p > ModelFile.MAX_PARAMETERS) {
            throw r.fail(String.format(Locale.ROOT, "the model has %,d parameters, more than the %,d this program loads",
                    p, ModelFile.MAX_PARAMETERS));
        }
        r.tensors(root.get("tensors"), config.layout());
        Optimizer optimizer = r.optimizer(root.get("optimizer"), p);
        TrainingHistory history = r.history(root.get("history"));
        Map<String, String> info = r.info(root.get("info"));
        return new Contents(config, optimizer, history, info);
    }

    private static JsonNode parse(Path file, String text) throws ModelFileException {
        try {
            // Counting tokens first costs no memory; only then is the tree built.
            int tokens = 0;
            try (JsonParser p = FACTORY.createParser(text)) {
                while (p.nextToken() != null) {
                    if (++tokens > MAX_TOKENS) {
                        throw new ModelFileException(file, String.format(Locale.ROOT,
                                "the header has more than %,d JSON tokens", MAX_TOKENS));
                    }
                }
            }
            if (tokens == 0) {
                throw new ModelFileException(file, "the header is empty");
            }
            JsonNode root = MAPPER.readTree(text);
            if (!root.isObject()) {
                throw new ModelFileException(file, "the header is JSON but not an object");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new ModelFileException(file, "the header breaks a JSON limit: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "the header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "the header cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** Field-by-field checks, each failure naming the field by its path in the header. */
    private static final class Reader {
        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        ModelFileException fail(String problem) {
            return new ModelFileException(file, problem);
        }

        void fields(JsonNode node, String path, Set<String> expected) throws ModelFileException {
            String where = path.isEmpty() ? "the header" : "header field " + path;
            if (node == null || !node.isObject()) {
                throw fail(where + " must be a JSON object, not " + show(node));
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!expected.contains(name)) {
                    throw fail("the header has an unexpected field " + join(path, name));
                }
            }
            for (String name : expected) {
                if (!node.has(name)) {
                    throw fail("the header is missing field " + join(path, name));
                }
            }
        }

        int integer(JsonNode node, String path) throws ModelFileException {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw fail("header field " + path + " must be a 32-bit integer, not " + show(node));
            }
            return node.intValue();
        }

        long longInteger(JsonNode node, String path) throws ModelFileException {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw fail("header field " + path + " must be a 64-bit integer, not " + show(node));
            }
            return node.longValue();
        }

        double finite(JsonNode node, String path) throws ModelFileException {
            if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
                throw fail("header field " + path + " must be a finite number, not " + show(node));
            }
            return node.doubleValue();
        }

        /** A history value: a number, or one of the strings standing for NaN and the infinities. */
        double anyDouble(JsonNode node, String path) throws ModelFileException {
            if (node.isNumber() && Double.isFinite(node.doubleValue())) {
                return node.doubleValue();
            }
            if (node.isTextual()) {
                switch (node.textValue()) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        break;
                }
            }
            throw fail("header field " + path + " must be a number, \"NaN\", \"Infinity\" or \"-Infinity\", not "
                    + show(node));
        }

        String text(JsonNode node, String path) throws ModelFileException {
            if (!node.isTextual()) {
                throw fail("header field " + path + " must be a string, not " + show(node));
            }
            return node.textValue();
        }

        JsonNode array(JsonNode node, String path) throws ModelFileException {
            if (!node.isArray()) {
                throw fail("header field " + path + " must be an array, not " + show(node));
            }
            return node;
        }

        ModelConfig config(JsonNode c) throws ModelFileException {
            fields(c, "config", CONFIG_FIELDS);
            int rows = integer(c.get("rows"), "config.rows");
            int cols = integer(c.get("cols"), "config.cols");
            JsonNode h = array(c.get("hidden"), "config.hidden");
            List<Integer> hidden = new ArrayList<>();
            for (int i = 0; i < h.size(); i++) {
                hidden.add(integer(h.get(i), "config.hidden[" + i + "]"));
            }
            int latent = integer(c.get("latent"), "config.latent");
            String lk = text(c.get("likelihood"), "config.likelihood");
            Likelihood likelihood;
            try {
                likelihood = Likelihood.valueOf(lk);
            } catch (IllegalArgumentException e) {
                throw fail("header field config.likelihood is " + show(c.get("likelihood"))
                        + "; expected one of " + List.of(Likelihood.values()));
            }
            double sigma = finite(c.get("sigma"), "config.sigma");
            JsonNode v = c.get("variational");
            if (!v.isBoolean()) {
                throw fail("header field config.variational must be true or false, not " + show(v));
            }
            try {
                return new ModelConfig(rows, cols, hidden, latent, likelihood, sigma, v.booleanValue());
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, "the header's config is invalid: " + e.getMessage(), e);
            }
        }

        void tensors(JsonNode node, List<ParamTensor> layout) throws ModelFileException {
            JsonNode table = array(node, "tensors");
            if (table.size() != layout.size()) {
                throw fail("the tensor table has " + table.size() + " entries but the config needs " + layout.size());
            }
            for (int i = 0; i < layout.size(); i++) {
                ParamTensor want = layout.get(i);
                String path = "tensors[" + i + "]";
                JsonNode t = table.get(i);
                fields(t, path, TENSOR_FIELDS);
                String name = text(t.get("name"), path + ".name");
                if (!name.equals(want.name())) {
                    throw fail("tensor table entry " + i + " is " + quote(name) + " but the config puts "
                            + quote(want.name()) + " there");
                }
                int rows = integer(t.get("rows"), path + ".rows");
                int cols = integer(t.get("cols"), path + ".cols");
                if (rows != want.rows() || cols != want.cols()) {
                    throw fail("tensor " + name + " is " + rows + " x " + cols + " in the tensor table but the config makes it "
                            + want.rows() + " x " + want.cols());
                }
                dtype(t, path, "tensor " + name);
                long offset = longInteger(t.get("offset"), path + ".offset");
                long length = longInteger(t.get("length"), path + ".length");
                if (offset != 4 * want.offset() || length != 4 * want.size()) {
                    throw fail(String.format(Locale.ROOT,
                            "tensor %s is at bytes %,d (+%,d) in the tensor table but the config puts it at %,d (+%,d)",
                            name, offset, length, 4 * want.offset(), 4 * want.size()));
                }
            }
        }

        private void dtype(JsonNode node, String path, String what) throws ModelFileException {
            String dtype = text(node.get("dtype"), path + ".dtype");
            if (!dtype.equals(DTYPE)) {
                throw fail(what + " has dtype " + quote(dtype) + "; this program reads only " + DTYPE);
            }
        }

        Optimizer optimizer(JsonNode o, long parameterCount) throws ModelFileException {
            if (o.isNull()) {
                return null;
            }
            fields(o, "optimizer", OPTIMIZER_FIELDS);
            double lr = finite(o.get("learningRate"), "optimizer.learningRate");
            if (!(lr > 0)) {
                throw fail("header field optimizer.learningRate must be positive, not " + lr);
            }
            long iteration = longInteger(o.get("iteration"), "optimizer.iteration");
            if (iteration < 0) {
                throw fail("header field optimizer.iteration must not be negative, not " + iteration);
            }
            dtype(o, "optimizer", "the optimizer state");
            long offset = longInteger(o.get("offset"), "optimizer.offset");
            long length = longInteger(o.get("length"), "optimizer.length");
            if (offset != 4 * parameterCount || length != 8 * parameterCount) {
                throw fail(String.format(Locale.ROOT,
                        "the optimizer state is at bytes %,d (+%,d) but must follow the parameters at %,d "
                                + "and hold 2 x %,d floats (+%,d)",
                        offset, length, 4 * parameterCount, parameterCount, 8 * parameterCount));
            }
            return new Optimizer(lr, iteration);
        }

        TrainingHistory history(JsonNode node) throws ModelFileException {
            JsonNode h = array(node, "history");
            List<TrainingHistory.Epoch> epochs = new ArrayList<>(h.size());
            for (int i = 0; i < h.size(); i++) {
                String path = "history[" + i + "]";
                JsonNode e = h.get(i);
                fields(e, path, EPOCH_FIELDS);
                int epoch = integer(e.get("epoch"), path + ".epoch");
                if (epoch < 1) {
                    throw fail("header field " + path + ".epoch must be 1 or more, not " + epoch);
                }
                epochs.add(new TrainingHistory.Epoch(epoch,
                        anyDouble(e.get("seconds"), path + ".seconds"),
                        anyDouble(e.get("beta"), path + ".beta"),
                        anyDouble(e.get("trainRecon"), path + ".trainRecon"),
                        anyDouble(e.get("trainKl"), path + ".trainKl"),
                        anyDouble(e.get("testRecon"), path + ".testRecon"),
                        anyDouble(e.get("testKl"), path + ".testKl"),
                        anyDouble(e.get("testNegElbo"), path + ".testNegElbo"),
                        anyDouble(e.get("samplesPerSecond"), path + ".samplesPerSecond")));
            }
            return new TrainingHistory(epochs);
        }

        Map<String, String> info(JsonNode node) throws ModelFileException {
            if (!node.isObject()) {
                throw fail("header field info must be a JSON object, not " + show(node));
            }
            Map<String, String> info = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                info.put(e.getKey(), text(e.getValue(), "info." + e.getKey()));
            }
            return info;
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String quote(String s) {
        return "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
    }

    /** A value for a message, cut short: a hostile header may hold megabytes in one field. */
    private static String show(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
