package org.latentexplorer.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.Vae;

/** Latest-wins coalescing of decode requests, and dropping answers meant for a replaced model. */
class LatentSpaceWorkerTest {
    private final DirectTasks.Queued tasks = new DirectTasks.Queued();
    private final LatentSpaceWorker worker = new LatentSpaceWorker(tasks);
    private final List<Throwable> failures = new ArrayList<>();
    private final Consumer<Throwable> failed = failures::add;
    /** Each job records its query and the hidden width of the model it ran on. */
    private final List<String> ran = new ArrayList<>();
    private final List<String> answered = new ArrayList<>();
    private LatentSpaceWorker.Latest<String, String> latest;

    /** A tiny model, told apart from others by its hidden width. */
    private static Network tiny(int hidden) {
        return new Network(ModelConfig.of(new Vae(1), 4, 4, List.of(hidden), 2, Bernoulli.INSTANCE), 1);
    }

    @BeforeEach
    void installFirstModel() {
        worker.install(tiny(3), () -> { }, failed);
        tasks.runAll();
        latest = worker.latest(space -> q -> {
            String tag = q + "@" + space.config().encoder().get(0);
            ran.add(tag);
            return tag;
        });
    }

    @Test
    void requestsWhileOneRunsCollapseToTheNewest() {
        latest.request("first", answered::add, failed);
        latest.request("second", answered::add, failed);
        latest.request("third", answered::add, failed);
        latest.request("fourth", answered::add, failed);
        // Only the first job is on the lane: the others wait in the worker, not in the queue.
        assertEquals(1, tasks.pending());
        tasks.runAll();
        assertEquals(List.of("first@3", "fourth@3"), ran);
        assertEquals(List.of("first@3", "fourth@3"), answered);
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void aRequestAfterTheLastAnswerRunsAgain() {
        latest.request("a", answered::add, failed);
        tasks.runAll();
        latest.request("b", answered::add, failed);
        tasks.runAll();
        assertEquals(List.of("a@3", "b@3"), answered);
    }

    @Test
    void theCopyPreparedForAModelIsTheOneItsInstallShows() {
        List<Object> warmed = new ArrayList<>();
        worker.warmUpWith(space -> warmed.add(space));
        LatentSpaceWorker.Latest<String, Object> which = worker.latest(space -> q -> space);
        Network next = tiny(7);
        worker.prepare(next);
        tasks.runAll();
        assertEquals(1, warmed.size(), "the warm-up ran on the prepared copy");

        worker.install(next, () -> { }, failed);
        List<Object> shown = new ArrayList<>();
        which.request("?", shown::add, failed);
        tasks.runAll();
        assertEquals(List.of(warmed.get(0)), shown);
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void aCopyPreparedForAnotherModelIsNotShown() {
        List<Object> warmed = new ArrayList<>();
        worker.warmUpWith(warmed::add);
        LatentSpaceWorker.Latest<String, Object> which = worker.latest(space -> q -> space);
        Network seven = tiny(7);
        worker.prepare(seven);
        worker.install(tiny(5), () -> { }, failed);
        latest.request("q", answered::add, failed);
        tasks.runAll();
        assertEquals(List.of("q@5"), answered);

        // Nor is it kept: shown later, that model gets a copy made at its install.
        worker.install(seven, () -> { }, failed);
        List<Object> shown = new ArrayList<>();
        which.request("?", shown::add, failed);
        tasks.runAll();
        assertEquals(1, shown.size());
        assertTrue(shown.get(0) != warmed.get(0), "a stale prepared copy was shown");
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void aFailingWarmUpDoesNotStopTheModelFromBeingShown() {
        worker.warmUpWith(space -> {
            throw new IllegalStateException("warm-up failed");
        });
        Network next = tiny(6);
        worker.prepare(next);
        List<String> ready = new ArrayList<>();
        worker.install(next, () -> ready.add("ready"), failed);
        latest.request("q", answered::add, failed);
        tasks.runAll();
        assertEquals(List.of("ready"), ready);
        assertEquals(List.of("q@6"), answered);
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void answersComputedForAReplacedModelAreDropped() {
        List<String> ready = new ArrayList<>();
        latest.request("stale", answered::add, failed);
        worker.install(tiny(5), () -> ready.add("second model"), failed);
        tasks.runAll();
        // The stale job ran on the old model, but nobody hears of it.
        assertEquals(List.of("stale@3"), ran);
        assertEquals(List.of(), answered);
        assertEquals(List.of("second model"), ready);

        latest.request("fresh", answered::add, failed);
        tasks.runAll();
        assertEquals(List.of("fresh@5"), answered);
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void aRequestWaitingBehindAStaleOneRunsOnTheNewModel() {
        latest.request("stale", answered::add, failed);
        worker.install(tiny(5), () -> { }, failed);
        latest.request("waiting", answered::add, failed);
        tasks.runAll();
        assertEquals(List.of("waiting@5"), answered);
    }

    @Test
    void onlyTheNewestOfTwoInstallsReportsReady() {
        List<String> ready = new ArrayList<>();
        worker.install(tiny(5), () -> ready.add("five"), failed);
        worker.install(tiny(6), () -> ready.add("six"), failed);
        tasks.runAll();
        assertEquals(List.of("six"), ready);
    }

    @Test
    void aRefreshForAReplacedModelIsNotReported() {
        List<String> refreshed = new ArrayList<>();
        worker.refresh(target -> target.copyFrom(tiny(3)), () -> refreshed.add("old"), failed);
        worker.install(tiny(5), () -> { }, failed);
        tasks.runAll();
        assertEquals(List.of(), refreshed);
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void aFailedJobIsReportedAndTheWaitingRequestStillRuns() {
        LatentSpaceWorker.Latest<String, String> failing = worker.latest(space -> q -> {
            if (q.equals("bad")) {
                throw new IllegalStateException("cannot decode " + q);
            }
            return q;
        });
        failing.request("bad", answered::add, failed);
        failing.request("good", answered::add, failed);
        tasks.runAll();
        assertEquals(List.of("good"), answered);
        assertEquals(1, failures.size());
        assertEquals("cannot decode bad", failures.get(0).getMessage());
    }
}
