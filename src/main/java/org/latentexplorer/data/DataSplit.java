package org.latentexplorer.data;

/**
 * A dataset as the model sees it: images to train on and held-out images to measure on.
 *
 * @param name  the name the user gave (mnist, fashion-mnist, a folder path, ...)
 * @param train training images
 * @param test  held-out test images, same size as train
 */
public record DataSplit(String name, ImageSet train, ImageSet test) {
    public DataSplit {
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IllegalArgumentException("train images are " + train.rows() + " x " + train.cols()
                    + " but test images are " + test.rows() + " x " + test.cols());
        }
    }

    public int imageSize() {
        return train.imageSize();
    }
}
