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

    /** The only tensor encoding of format versions 1 and 2. */
    static final String DTYPE = "float32le";
    /** Header JSON tokens allowed; bounds the tree Jackson builds, since 16 MiB of "[0,0,..." would expand tenfold. */
    static final int MAX_TOKENS = 1_000_000;
    /** Nesting the schema needs is 3; anything far deeper is hostile. */
    static final int MAX_DEPTH = 16;

    private static final Set<String> ROOT_FIELDS = Set.of("config", "tensors", "optimizer", "history", "info");
    private static final Set<String> CONFIG_FIELDS = Set.of("rows", "cols", "encoder", "decoder", "latent",
            "activation", "headActivation", "likelihood", "kind");
    private static final Set<String> V1_CONFIG_FIELDS =
            Set.of("rows", "cols", "hidden", "latent", "likelihood", "sigma", "variational");
    private static final Set<String> TENSOR_FIELDS = Set.of("name", "rows", "cols", "dtype", "offset", "length");
    private static final Set<String> OPTIMIZER_FIELDS = Set.of("learningRate", "iteration", "dtype", "offset", "length");
    private static final Set<String> EPOCH_FIELDS = Set.of("epoch", "seconds", "weight", "trainRecon", "trainPenalty",
            "testRecon", "testPenalty", "samplesPerSecond");
    private static final Set<String> V1_EPOCH_FIELDS = Set.of("epoch", "seconds", "beta", "trainRecon", "trainKl",
            "testRecon", "testKl", "testNegElbo", "samplesPerSecond");
    /** Version 1 gave every network both heads; its plain autoencoder left logVar unused. */
    private static final List<String> V1_HEADS = List.of("mu", "logVar");

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

    /**
     * A checked header.
     *
     * @param stored the tensors as the file stores them: the config's layout, except in a version 1
     *               autoencoder, which stored an unused logVar head ({@link #current} drops it)
     */
    record Contents(ModelConfig config, List<ParamTensor> stored, Optimizer optimizer, TrainingHistory history,
                    Map<String, String> info) {
        long storedParameters() {
            ParamTensor last = stored.get(stored.size() - 1);
            return last.offset() + last.size();
        }

        long dataBytes() {
            long p = storedParameters();
            return 4 * p + (optimizer == null ? 0 : 8 * p);
        }

        /**
         * Values laid out as stored, [P_stored] or the optimizer's [2 P_stored], in the config's
         * layout: tensors copied by name ("code" was "mu" in version 1), the rest dropped.
         */
        float[] current(float[] storedValues) {
            List<ParamTensor> layout = config.layout();
            long p = config.parameterCount();
            long ps = storedParameters();
            if (p == ps) {
                return storedValues;
            }
            int copies = storedValues.length / (int) ps;
            float[] out = new float[(int) (copies * p)];
            for (ParamTensor t : layout) {
                String name = t.name().startsWith("code.") ? "mu." + t.name().substring(5) : t.name();
                ParamTensor s = stored.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                for (int c = 0; c < copies; c++) {
                    System.arraycopy(storedValues, (int) (c * ps + s.offset()), out, (int) (c * p + t.offset()), (int) t.size());
                }
            }
            return out;
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
        cfg.encoder().forEach(c.putArray("encoder")::add);
        cfg.decoder().forEach(c.putArray("decoder")::add);
        c.put("latent", cfg.latent());
        c.put("activation", cfg.activation().toString());
        c.put("headActivation", cfg.headActivation().toString());
        ObjectNode lik = c.putObject("likelihood");
        lik.put("type", cfg.likelihood().id());
        if (cfg.likelihood() instanceof Gaussian g) {
            lik.put("sigma", g.sigma());
        } else if (cfg.likelihood() instanceof LearnedGaussian g) {
            lik.put("activation", g.activation().toString());
        }
        ObjectNode kind = c.putObject("kind");
        kind.put("id", cfg.kind().id());
        for (Knob k : cfg.kind().knobs()) {
            kind.put(k.key(), cfg.kind().value(k.key()));
        }

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
        boolean penalty = cfg.kind().penalty().isPresent();
        for (TrainingHistory.Epoch e : model.history().epochs()) {
            ObjectNode n = history.addObject();
            n.put("epoch", e.epoch());
            putNumber(n, "seconds", e.seconds());
            putNumber(n, "samplesPerSecond", e.samplesPerSecond());
            putNumber(n, "trainRecon", e.trainRecon());
            putNumber(n, "testRecon", e.testRecon());
            putPenalty(n, "weight", e.weight(), penalty);
            putPenalty(n, "trainPenalty", e.trainPenalty(), penalty);
            putPenalty(n, "testPenalty", e.testPenalty(), penalty);
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

    /** A kind without a penalty has none: null, not a number that could pass for one. */
    private static void putPenalty(ObjectNode n, String field, double v, boolean present) {
        if (present) {
            putNumber(n, field, v);
        } else {
            n.putNull(field);
        }
    }

    /**
     * Checks every field of a header of the given format version (1 or 2) and that its tensor table
     * is exactly the config's layout.
     */
    static Contents decode(Path file, byte[] header, int version) throws ModelFileException {
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

        Map<String, String> info = r.info(root.get("info"));
        ModelConfig config;
        List<ParamTensor> stored;
        TrainingHistory history;
        if (version == 1) {
            JsonNode v1 = root.get("config");
            boolean variational = r.v1Variational(v1);
            history = r.v1History(root.get("history"), variational);
            config = r.v1Config(v1, variational ? new Vae(v1Beta(info, history)) : new PlainAutoencoder());
            stored = config.layout(V1_HEADS);
        } else {
            config = r.config(root.get("config"));
            history = r.history(root.get("history"), config.kind().penalty().isPresent());
            stored = config.layout();
        }
        ParamTensor last = stored.get(stored.size() - 1);
        long p = last.offset() + last.size();
        if (p > ModelFile.MAX_PARAMETERS) {
            throw r.fail(String.format(Locale.ROOT, "the model has %,d parameters, more than the %,d this program loads",
                    p, ModelFile.MAX_PARAMETERS));
        }
        r.tensors(root.get("tensors"), stored);
        Optimizer optimizer = r.optimizer(root.get("optimizer"), p);
        return new Contents(config, stored, optimizer, history, info);
    }

    /**
     * Version 1 kept beta only among the model's info and history: the beta its training ended
     * with, or 1.
     */
    private static double v1Beta(Map<String, String> info, TrainingHistory history) {
        List<TrainingHistory.Epoch> epochs = history.epochs();
        double beta = epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).weight();
        try {
            beta = Double.parseDouble(info.getOrDefault("beta", ""));
        } catch (NumberFormatException absent) {
            // keep the history's
        }
        return Double.isFinite(beta) && beta >= Vae.BETA.min() && beta <= Vae.BETA.max() ? beta : Vae.BETA.defaultValue();
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
            List<Integer> encoder = widths(c.get("encoder"), "config.encoder");
            List<Integer> decoder = widths(c.get("decoder"), "config.decoder");
            int latent = integer(c.get("latent"), "config.latent");
            ActivationFunction activation = activation(c.get("activation"), "config.activation");
            ActivationFunction head = activation(c.get("headActivation"), "config.headActivation");
            Likelihood likelihood = likelihood(c.get("likelihood"));
            ModelKind kind = kind(c.get("kind"));
            try {
                return new ModelConfig(rows, cols, encoder, decoder, latent, activation, head, likelihood, kind);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, "the header's config is invalid: " + e.getMessage(), e);
            }
        }

        private List<Integer> widths(JsonNode node, String path) throws ModelFileException {
            JsonNode h = array(node, path);
            if (h.size() > ModelConfig.MAX_LAYERS) {
                throw fail("header field " + path + " lists " + h.size() + " layers; at most " + ModelConfig.MAX_LAYERS);
            }
            List<Integer> widths = new ArrayList<>();
            for (int i = 0; i < h.size(); i++) {
                widths.add(integer(h.get(i), path + "[" + i + "]"));
            }
            return widths;
        }

        private ActivationFunction activation(JsonNode node, String path) throws ModelFileException {
            try {
                return ActivationFunction.parse(text(node, path));
            } catch (IllegalArgumentException e) {
                throw fail("header field " + path + ": " + e.getMessage());
            }
        }

        private Likelihood likelihood(JsonNode node) throws ModelFileException {
            if (node == null || !node.isObject() || !node.has("type")) {
                throw fail("header field config.likelihood must be an object with a \"type\", not " + show(node));
            }
            String type = text(node.get("type"), "config.likelihood.type");
            try {
                switch (type) {
                    case "bernoulli" -> {
                        fields(node, "config.likelihood", Set.of("type"));
                        return Bernoulli.INSTANCE;
                    }
                    case "gaussian" -> {
                        fields(node, "config.likelihood", Set.of("type", "sigma"));
                        return new Gaussian(finite(node.get("sigma"), "config.likelihood.sigma"));
                    }
                    case "gaussian-learned" -> {
                        fields(node, "config.likelihood", Set.of("type", "activation"));
                        return new LearnedGaussian(activation(node.get("activation"), "config.likelihood.activation"));
                    }
                    case "squared-error" -> {
                        fields(node, "config.likelihood", Set.of("type"));
                        return SquaredError.INSTANCE;
                    }
                    default -> throw fail("header field config.likelihood.type is " + quote(type)
                            + "; expected bernoulli, gaussian, gaussian-learned or squared-error");
                }
            } catch (IllegalArgumentException e) {
                throw fail("header field config.likelihood: " + e.getMessage());
            }
        }

        private ModelKind kind(JsonNode node) throws ModelFileException {
            if (node == null || !node.isObject() || !node.has("id")) {
                throw fail("header field config.kind must be an object with an \"id\", not " + show(node));
            }
            String id = text(node.get("id"), "config.kind.id");
            ModelKind kind;
            try {
                kind = ModelKinds.byId(id);
            } catch (IllegalArgumentException e) {
                throw fail("header field config.kind.id: " + e.getMessage());
            }
            Set<String> expected = new java.util.HashSet<>(Set.of("id"));
            kind.knobs().forEach(k -> expected.add(k.key()));
            fields(node, "config.kind", expected);
            for (Knob k : kind.knobs()) {
                double v = finite(node.get(k.key()), "config.kind." + k.key());
                try {
                    kind = kind.with(k.key(), v);
                } catch (IllegalArgumentException e) {
                    throw fail("header field config.kind." + k.key() + ": " + e.getMessage());
                }
            }
            return kind;
        }

        boolean v1Variational(JsonNode c) throws ModelFileException {
            fields(c, "config", V1_CONFIG_FIELDS);
            JsonNode v = c.get("variational");
            if (!v.isBoolean()) {
                throw fail("header field config.variational must be true or false, not " + show(v));
            }
            return v.booleanValue();
        }

        /** A version 1 config: a mirrored ReLU network, a VAE or a plain autoencoder. */
        ModelConfig v1Config(JsonNode c, ModelKind kind) throws ModelFileException {
            int rows = integer(c.get("rows"), "config.rows");
            int cols = integer(c.get("cols"), "config.cols");
            List<Integer> hidden = widths(c.get("hidden"), "config.hidden");
            int latent = integer(c.get("latent"), "config.latent");
            String lk = text(c.get("likelihood"), "config.likelihood");
            double sigma = finite(c.get("sigma"), "config.sigma");
            try {
                Likelihood likelihood = switch (lk) {
                    case "BERNOULLI" -> Bernoulli.INSTANCE;
                    case "GAUSSIAN" -> new Gaussian(sigma);
                    default -> throw fail("header field config.likelihood is " + show(c.get("likelihood"))
                            + "; expected one of [BERNOULLI, GAUSSIAN]");
                };
                if (!(sigma > 0)) {
                    throw new IllegalArgumentException("Gaussian sigma must be a positive number, not " + sigma);
                }
                return ModelConfig.of(kind, rows, cols, hidden, latent, likelihood);
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

        TrainingHistory history(JsonNode node, boolean penalty) throws ModelFileException {
            JsonNode h = array(node, "history");
            List<TrainingHistory.Epoch> epochs = new ArrayList<>(h.size());
            for (int i = 0; i < h.size(); i++) {
                String path = "history[" + i + "]";
                JsonNode e = h.get(i);
                fields(e, path, EPOCH_FIELDS);
                epochs.add(new TrainingHistory.Epoch(epoch(e, path),
                        anyDouble(e.get("seconds"), path + ".seconds"),
                        penalty(e, path, "weight", penalty),
                        anyDouble(e.get("trainRecon"), path + ".trainRecon"),
                        penalty(e, path, "trainPenalty", penalty),
                        anyDouble(e.get("testRecon"), path + ".testRecon"),
                        penalty(e, path, "testPenalty", penalty),
                        anyDouble(e.get("samplesPerSecond"), path + ".samplesPerSecond")));
            }
            return new TrainingHistory(epochs);
        }

        private int epoch(JsonNode e, String path) throws ModelFileException {
            int epoch = integer(e.get("epoch"), path + ".epoch");
            if (epoch < 1) {
                throw fail("header field " + path + ".epoch must be 1 or more, not " + epoch);
            }
            return epoch;
        }

        /** A penalty figure: a number for a kind with a penalty term, null for one without. */
        private double penalty(JsonNode e, String path, String field, boolean present) throws ModelFileException {
            JsonNode v = e.get(field);
            if (!present) {
                if (!v.isNull()) {
                    throw fail("header field " + path + "." + field + " must be null: the model kind has no penalty term");
                }
                return Double.NaN;
            }
            return anyDouble(v, path + "." + field);
        }

        /** Version 1's history: its KL figures were 0 for a plain autoencoder, and are dropped for one. */
        TrainingHistory v1History(JsonNode node, boolean variational) throws ModelFileException {
            JsonNode h = array(node, "history");
            List<TrainingHistory.Epoch> epochs = new ArrayList<>(h.size());
            for (int i = 0; i < h.size(); i++) {
                String path = "history[" + i + "]";
                JsonNode e = h.get(i);
                fields(e, path, V1_EPOCH_FIELDS);
                int epoch = epoch(e, path);
                double beta = anyDouble(e.get("beta"), path + ".beta");
                double trainKl = anyDouble(e.get("trainKl"), path + ".trainKl");
                double testKl = anyDouble(e.get("testKl"), path + ".testKl");
                anyDouble(e.get("testNegElbo"), path + ".testNegElbo");
                epochs.add(new TrainingHistory.Epoch(epoch,
                        anyDouble(e.get("seconds"), path + ".seconds"),
                        variational ? beta : Double.NaN,
                        anyDouble(e.get("trainRecon"), path + ".trainRecon"),
                        variational ? trainKl : Double.NaN,
                        anyDouble(e.get("testRecon"), path + ".testRecon"),
                        variational ? testKl : Double.NaN,
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
