package org.latentexplorer.model;

/**
 * One named weight matrix or bias row inside the flat parameter vector.
 *
 * @param name   stable name, stored in model files ("encoder.0.W", "mu.b", ...)
 * @param rows   rows (1 for a bias)
 * @param cols   columns
 * @param offset position of its first element in the flat vector
 */
public record ParamTensor(String name, int rows, int cols, long offset) {
    public long size() {
        return (long) rows * cols;
    }
}
