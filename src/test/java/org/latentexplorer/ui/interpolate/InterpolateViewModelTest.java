package org.latentexplorer.ui.interpolate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.measure.NetworkModel;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.Network;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.session.DirectTasks;

/** The interpolation between two ends on the shipped MNIST VAE: what is encoded, decoded, faded and measured. */
class InterpolateViewModelTest {
    private static final int D = 28 * 28;

    private ExplorerViewModel vm;
    private InterpolateViewModel interpolate;

    @BeforeEach
    void openShipped() {
        vm = Shipped.open();
        interpolate = vm.interpolate();
    }

    /** The shipped model itself, read again from its file: nothing shared with the window's copy. */
    private Network shippedNetwork() throws Exception {
        return Network.from(ModelFiles.read(vm.session().shippedModel()));
    }

    private float[] testImage(int i) {
        float[] x = new float[D];
        vm.session().dataProperty().get().test().copyScaled(i, x, 0);
        return x;
    }

    private InterpolateViewModel.Result betweenImages(int a, int b) {
        interpolate.useImage(true, a);
        interpolate.useImage(false, b);
        InterpolateViewModel.Result r = interpolate.resultProperty().get();
        assertNotNull(r);
        return r;
    }

    @Test
    void theCodesEndPointsAreTheImagesPosteriorMeans() throws Exception {
        InterpolateViewModel.Result r = betweenImages(3, 11);

        NetworkModel model = new NetworkModel(shippedNetwork());
        float[] both = new float[2 * D];
        System.arraycopy(testImage(3), 0, both, 0, D);
        System.arraycopy(testImage(11), 0, both, D, D);
        float[] mu = model.encode(both, 2).mu();
        float[] codes = r.path().codes();
        assertEquals(InterpolateViewModel.STEPS * 2, codes.length);
        assertArrayEquals(Arrays.copyOfRange(mu, 0, 2), Arrays.copyOfRange(codes, 0, 2), 1e-4f);
        assertArrayEquals(Arrays.copyOfRange(mu, 2, 4), Arrays.copyOfRange(codes, codes.length - 2, codes.length), 1e-4f);
        // The two test images' codes differ, so the path is a line and not a point.
        assertTrue(Math.abs(mu[0] - mu[2]) + Math.abs(mu[1] - mu[3]) > 0.1);
    }

    @Test
    void thePathsEndImagesAreTheDecodesOfTheTwoCodesAndItsMiddleLiesOnTheLine() throws Exception {
        InterpolateViewModel.Result r = betweenImages(3, 11);
        LatentSpace space = new LatentSpace(shippedNetwork());
        int last = InterpolateViewModel.STEPS - 1;
        float[] a = {r.code(0, 0), r.code(0, 1)};
        float[] b = {r.code(last, 0), r.code(last, 1)};
        float[] images = r.path().images();

        assertArrayEquals(space.decode(a, DecodeMode.MEAN), Arrays.copyOfRange(images, 0, D), 1e-6f);
        assertArrayEquals(space.decode(b, DecodeMode.MEAN), Arrays.copyOfRange(images, last * D, (last + 1) * D), 1e-6f);
        // z(t) = (1 - t) a + t b at t = 3 / 9.
        for (int d = 0; d < 2; d++) {
            assertEquals((2 * a[d] + b[d]) / 3, r.code(3, d), 1e-5);
        }
    }

    @Test
    void theCrossFadeIsOfTheImagesThemselvesAndAtHalfWayTheirAverage() {
        float[] xa = testImage(3);
        float[] xb = testImage(11);

        float[] half = Arrays.copyOfRange(InterpolateViewModel.crossFade(xa, xb, 3), D, 2 * D);
        for (int p = 0; p < D; p++) {
            assertEquals((xa[p] + xb[p]) / 2, half[p], 1e-6);
        }
        float[] fade = betweenImages(3, 11).fade();
        assertArrayEquals(xa, Arrays.copyOfRange(fade, 0, D));
        assertArrayEquals(xb, Arrays.copyOfRange(fade, (InterpolateViewModel.STEPS - 1) * D, InterpolateViewModel.STEPS * D));
        assertArrayEquals(InterpolateViewModel.crossFade(xa, xb, InterpolateViewModel.STEPS), fade);
    }

    @Test
    void eachRoughnessIsTheSumOfSquaredStepsOverItsShownStrip() {
        InterpolateViewModel.Result r = betweenImages(3, 11);

        assertEquals(squaredSteps(r.path().images()), r.path().roughness(), 1e-6 * r.path().roughness());
        assertEquals(squaredSteps(r.fade()), r.fadeRoughness(), 1e-6 * r.fadeRoughness());
        // The cross-fade's equal steps are the smoothest way between its ends: |xb - xa|^2 / 9.
        assertEquals(squaredDistance(testImage(3), testImage(11)) / (InterpolateViewModel.STEPS - 1), r.fadeRoughness(),
                1e-3);
    }

    @Test
    void gridPointEndsAreThePointsAndTheirDecodesAreTheFadesEnds() throws Exception {
        float[] a = {-2f, -1.5f};
        float[] b = {3f, 2.5f};
        interpolate.usePoint(true, a);
        interpolate.usePoint(false, b);

        InterpolateViewModel.Result r = interpolate.resultProperty().get();
        int last = InterpolateViewModel.STEPS - 1;
        assertArrayEquals(a, new float[] {r.code(0, 0), r.code(0, 1)});
        assertArrayEquals(b, new float[] {r.code(last, 0), r.code(last, 1)});
        LatentSpace space = new LatentSpace(shippedNetwork());
        assertArrayEquals(space.decode(a, DecodeMode.MEAN), Arrays.copyOfRange(r.fade(), 0, D), 1e-6f);
        assertArrayEquals(Arrays.copyOfRange(r.path().images(), last * D, (last + 1) * D),
                Arrays.copyOfRange(r.fade(), last * D, (last + 1) * D), 1e-6f);
        assertEquals("a: point (-2.00, -1.50)\nb: point (3.00, 2.50)", interpolate.endsProperty().get());
    }

    @Test
    void oneEndAloneDecodesNothing() {
        interpolate.useImage(true, 3);
        assertNull(interpolate.resultProperty().get());
        assertEquals("a: test image 4\nb: not chosen", interpolate.endsProperty().get());
    }

    @Test
    void newWeightsDecodeThePathAgain() throws Exception {
        InterpolateViewModel.Result before = betweenImages(3, 11);
        Network untrained = new Network(vm.session().model().config(), 99);

        vm.session().refreshWeights(n -> n.copyFrom(untrained), () -> { }, e -> { throw new AssertionError(e); });

        InterpolateViewModel.Result after = interpolate.resultProperty().get();
        assertNotNull(after);
        assertFalse(Arrays.equals(before.path().codes(), after.path().codes()), "the images encoded again");
        assertFalse(Arrays.equals(before.path().images(), after.path().images()), "the line decoded again");
        float[] a = {after.code(0, 0), after.code(0, 1)};
        assertArrayEquals(new LatentSpace(untrained).decode(a, DecodeMode.MEAN),
                Arrays.copyOfRange(after.path().images(), 0, D), 1e-6f);
        assertArrayEquals(before.fade(), after.fade(), "the images themselves have not changed");
    }

    @Test
    void aNewModelClearsTheInterpolation() {
        betweenImages(3, 11);

        vm.session().open(vm.session().shippedModel().resolveSibling("mnist-ae.lvae"));

        assertEquals("mnist-ae.lvae", vm.session().model().title());
        assertNull(interpolate.resultProperty().get());
        assertNull(interpolate.fromProperty().get());
        assertNull(interpolate.toProperty().get());
    }

    @Test
    void clearDropsBothEndsAndAnAnswerStillOnItsWayIsNotShown() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel queued = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        queued.session().open(queued.session().shippedModel());
        tasks.runAll();
        InterpolateViewModel slow = queued.interpolate();

        slow.useImage(true, 0);
        slow.useImage(false, 1);
        assertNull(slow.resultProperty().get(), "still decoding");
        slow.clear();
        tasks.runAll();

        assertNull(slow.fromProperty().get());
        assertNull(slow.resultProperty().get());
    }

    @Test
    void theDisplayedModelDecodesMeansAndEncodesAsThePickDoes() throws Exception {
        LatentSpace space = new LatentSpace(shippedNetwork());
        DisplayedModel model = new DisplayedModel(space);
        ImageSet test = vm.session().dataProperty().get().test();
        float[] both = new float[2 * D];
        System.arraycopy(testImage(5), 0, both, 0, D);
        System.arraycopy(testImage(6), 0, both, D, D);

        float[] mu = model.encode(both, 2).mu();

        assertArrayEquals(space.posterior(test, 6).mu(), Arrays.copyOfRange(mu, 2, 4));
        assertArrayEquals(space.decode(mu, 2, DecodeMode.MEAN), model.decode(mu, 2));
    }

    private static double squaredSteps(float[] images) {
        double sum = 0;
        for (int i = 1; i < InterpolateViewModel.STEPS; i++) {
            for (int p = 0; p < D; p++) {
                double step = images[i * D + p] - images[(i - 1) * D + p];
                sum += step * step;
            }
        }
        return sum;
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int p = 0; p < a.length; p++) {
            s += (a[p] - b[p]) * (a[p] - b[p]);
        }
        return s;
    }
}
