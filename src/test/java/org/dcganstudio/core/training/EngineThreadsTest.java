package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * libtorch gives a thread the intra-op count in force when it first computes. A tiny model's
 * trainer sets it to 1 around each step, so a long-lived thread must fix its count before that.
 */
class EngineThreadsTest {

    @Test
    void aThreadInitialisedBeforeATinyStepKeepsItsCountAndOneThatWasNotGetsOne() throws Exception {
        Engine.getEngine("PyTorch");
        int normal = countOfANewThread();
        assumeTrue(normal > 1, "needs a machine with more than one core");

        CountDownLatch initialised = new CountDownLatch(1);
        CountDownLatch stepRunning = new CountDownLatch(1);
        int[] seen = new int[1];
        Thread early = new Thread(() -> {
            EngineSettings.initialiseThisThread();
            initialised.countDown();
            try {
                stepRunning.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen[0] = JniUtils.getNumThreads();
        });
        early.start();
        initialised.await();
        JniUtils.setNumThreads(1); // what DcganTrainer does around a tiny model's step
        int late;
        try {
            stepRunning.countDown();
            early.join();
            late = countOfANewThread();
        } finally {
            JniUtils.setNumThreads(normal);
        }
        assertEquals(normal, seen[0], "initialised before the step: its own count is kept");
        assertEquals(1, late, "the trap it avoids: a thread first computing during the step gets 1");
    }

    private static int countOfANewThread() throws InterruptedException {
        int[] seen = new int[1];
        Thread t = new Thread(() -> seen[0] = JniUtils.getNumThreads());
        t.start();
        t.join();
        return seen[0];
    }
}
