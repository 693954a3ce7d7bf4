package org.latentexplorer.model;

import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The nonlinearity between layers: ReLU for the models trained here; the others for networks
 * imported from Deeplearning4j. Each one's derivative is written in terms of its own output a, so
 * the backward pass needs no copy of the pre-activations:
 * <pre>
 *   relu      a = max(0, x)                       da/dx = [a > 0]
 *   leakyrelu a = x if x > 0 else alpha x         da/dx = 1 if a > 0 else alpha
 *   elu       a = x if x > 0 else alpha (e^x - 1) da/dx = 1 if a > 0 else a + alpha
 *   tanh      a = tanh(x)                         da/dx = 1 - a^2
 *   sigmoid   a = 1 / (1 + e^-x)                  da/dx = a (1 - a)
 *   identity  a = x                               da/dx = 1
 * </pre>
 *
 * @param type  which function
 * @param alpha the slope (LeakyReLU) or scale (ELU) for negative inputs; 0 for the others
 */
public record ActivationFunction(Type type, double alpha) {

    /** The functions supported. */
    public enum Type { RELU, LEAKYRELU, ELU, TANH, SIGMOID, IDENTITY }

    public static final ActivationFunction RELU = new ActivationFunction(Type.RELU, 0);
    public static final ActivationFunction IDENTITY = new ActivationFunction(Type.IDENTITY, 0);

    public ActivationFunction {
        if (type == null) {
            throw new IllegalArgumentException("activation function is missing");
        }
        boolean hasAlpha = type == Type.LEAKYRELU || type == Type.ELU;
        if (hasAlpha ? !(alpha > 0) || !(alpha < 100) : alpha != 0) {
            throw new IllegalArgumentException(hasAlpha
                    ? type.name().toLowerCase(Locale.ROOT) + " needs alpha in (0, 100), not " + alpha
                    : type.name().toLowerCase(Locale.ROOT) + " takes no alpha");
        }
    }

    /** "relu", "tanh", "leakyrelu(0.01)", "elu(1.0)": the form model files and messages use. */
    @Override
    public String toString() {
        String name = type.name().toLowerCase(Locale.ROOT);
        return alpha == 0 ? name : name + "(" + alpha + ")";
    }

    /** The inverse of {@link #toString()}; a bare "leakyrelu" or "elu" takes Deeplearning4j's default alpha. */
    public static ActivationFunction parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int open = t.indexOf('(');
        String name = open < 0 ? t : t.substring(0, open);
        Type type;
        try {
            type = Type.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation function '" + text + "'; known: relu, leakyrelu(alpha),"
                    + " elu(alpha), tanh, sigmoid, identity");
        }
        double alpha = type == Type.LEAKYRELU ? 0.01 : type == Type.ELU ? 1.0 : 0;
        if (open >= 0) {
            if (!t.endsWith(")")) {
                throw new IllegalArgumentException("activation function '" + text + "' has no closing parenthesis");
            }
            try {
                alpha = Double.parseDouble(t.substring(open + 1, t.length() - 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("activation function '" + text + "' has no number in parentheses");
            }
        }
        return new ActivationFunction(type, alpha);
    }

    /** x = f(x), in place. */
    void forward(INDArray x) {
        switch (type) {
            case RELU -> Transforms.relu(x, false);
            case LEAKYRELU -> Nd4j.exec(new LeakyReLU(x, x, alpha));
            case ELU -> {
                Nd4j.exec(new ELU(x, x));
                if (alpha != 1) {
                    // ND4J's op has alpha 1: scale its negative part, alpha (e^x - 1) = alpha * elu_1(x).
                    INDArray negative = x.lt(0).castTo(x.dataType()).muli(alpha - 1).addi(1);
                    x.muli(negative);
                }
            }
            case TANH -> Nd4j.exec(new Tanh(x, x));
            case SIGMOID -> Nd4j.exec(new Sigmoid(x, x));
            case IDENTITY -> { }
        }
    }

    /**
     * delta *= f'(x), from the output a = f(x). In the backward pass the output is no longer needed
     * at this point, so it is overwritten (ReLU turns it into its 0/1 mask: ND4J's fused relu_bp op
     * took 25 times longer than these two simple ops).
     */
    void backward(INDArray a, INDArray delta) {
        switch (type) {
            case RELU -> {
                Nd4j.exec(new Step(a, a, 0.0));
                delta.muli(a);
            }
            case LEAKYRELU -> {
                INDArray slope = a.gt(0).castTo(a.dataType()).muli(1 - alpha).addi(alpha);
                delta.muli(slope);
            }
            case ELU -> {
                INDArray positive = a.gt(0).castTo(a.dataType());
                // 1 where a > 0, else a + alpha
                INDArray slope = a.add(alpha).muli(positive.rsub(1)).addi(positive);
                delta.muli(slope);
            }
            case TANH -> delta.muli(a.muli(a).rsubi(1));
            case SIGMOID -> delta.muli(a.rsub(1).muli(a));
            case IDENTITY -> { }
        }
    }
}
