package org.dcganstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The studio's background threads start with it and fix their libtorch thread count then, so work
 * first given to them while a tiny model trains (which lowers the count to 1 around each step)
 * still runs on every core.
 */
class FxBackgroundTasksTest {

    @Test
    void workSubmittedDuringATinyTrainingStepRunsAtTheNormalThreadCount() throws Exception {
        Engine.getEngine("PyTorch");
        int[] normal = new int[1];
        Thread probe = new Thread(() -> normal[0] = JniUtils.getNumThreads());
        probe.start();
        probe.join();
        assumeTrue(normal[0] > 1, "needs a machine with more than one core");

        try (FxBackgroundTasks tasks = new FxBackgroundTasks(Runnable::run)) {
            assertTrue(tasks.awaitInitialised(60, TimeUnit.SECONDS), "both threads started with the studio");
            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            CountDownLatch bothRunning = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(2);
            JniUtils.setNumThreads(1); // a tiny model's step is running
            try {
                for (int i = 0; i < 2; i++) {
                    tasks.run(() -> {
                        seen.add(JniUtils.getNumThreads()); // its first computation, during the step
                        bothRunning.countDown();
                        release.await();
                        done.countDown();
                        return null;
                    }, r -> { }, e -> { });
                }
                assertTrue(bothRunning.await(60, TimeUnit.SECONDS), "both threads took work");
            } finally {
                JniUtils.setNumThreads(normal[0]);
                release.countDown();
            }
            assertTrue(done.await(60, TimeUnit.SECONDS), "both finished");
            assertEquals(Set.of(normal[0]), seen, "each thread kept the count it started with");
        }
    }
}
