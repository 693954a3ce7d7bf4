package org.latentexplorer.model;

/**
 * The regulariser a model kind adds to its reconstruction term: loss = recon + weight * penalty.
 *
 * @param key    its name in results and files ("kl", "l1", "l2")
 * @param name   how the lecture writes it ("KL(q(z|x) \u2016 N(0, I))")
 * @param weight the key of the knob that weighs it ("beta", "lambda")
 */
public record Penalty(String key, String name, String weight) {
}
